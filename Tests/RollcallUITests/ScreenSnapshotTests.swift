import Attendance
import Testing
@testable import RollcallUI

/// Every screen at 80×24 and 120×40, as text plus a style mask, with names in several scripts.
@Suite("Screens as snapshots")
struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func each(_ name: String, _ prepare: (inout AppState, inout FakeDriver) -> Void) {
        for (w, h) in Self.sizes {
            var state = UISchool.state(width: w, height: h)
            var driver = FakeDriver()
            prepare(&state, &driver)
            assertSnapshot(state.draw(), named: "\(name)-\(w)x\(h)")
        }
    }

    @Test func today() { each("today") { _, _ in } }

    @Test func registerPartlyTaken() {
        each("register") { s, d in
            d.run(&s, .keyPressed(.char(":")))
            d.type(&s, "register 4A")
            d.keys(&s, [.enter, .char(" "), .char("N"), .char("C"), .char("1")])
        }
    }

    @Test func registerAskingForAReason() {
        each("register-reason") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("*"), .char("!"), .home, .char("I")])
            d.type(&s, "mum rang")
        }
    }

    @Test func lateArrivalForm() {
        each("late-arrival") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("a"), .tab])
            d.type(&s, "dentist")
        }
    }

    @Test func pupilsSearchedAccentInsensitively() {
        each("pupils-search") { s, d in
            _ = s.run(command: "pupils")
            d.keys(&s, [.char("/")])
            d.type(&s, "zoe")
        }
    }

    @Test func pupilsAll() {
        each("pupils") { s, d in _ = s.run(command: "pupils") }
    }

    @Test func pupilPage() {
        each("pupil") { s, d in _ = s.run(command: "pupil A100000000004") }
    }

    @Test func absenteeReport() {
        each("absentees") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("*"), .home, .char("N"), .char("a")])
            d.type(&s, "09:02")
            d.keys(&s, [.enter])
            _ = s.run(command: "report absentees")
        }
    }

    @Test func callingList() {
        each("calls") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("/")])
            d.type(&s, "liam")
            d.keys(&s, [.enter, .char("N")])
            _ = s.run(command: "calls")
            d.keys(&s, [.char("n"), .enter])
        }
    }

    @Test func callForm() {
        each("call-spoke") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("/")])
            d.type(&s, "liam")
            d.keys(&s, [.enter, .char("N")])
            _ = s.run(command: "calls")
            d.keys(&s, [.char("s"), .char("I"), .tab])
            d.type(&s, "mum: chickenpox")
        }
    }

    @Test func logAHomeVisit() {
        each("log-visit") { s, d in
            _ = s.run(command: "log visit zoe")
            d.keys(&s, [.tab, .right, .tab])
            d.type(&s, "mum")
            d.keys(&s, [.tab])
            d.type(&s, "Zoë was at home with a cold; mum had not rung because her phone was broken. Agreed she will ring before 9 next time.")
        }
    }

    @Test func panel() throws {
        for (w, h) in Self.sizes {
            var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.head),
                                 school: try PanelTests.school(), width: w, height: h)
            _ = state.run(command: "panel")
            assertSnapshot(state.draw(), named: "panel-\(w)x\(h)")
            _ = state.run(command: "pupil \(PanelTests.ben)")
            _ = state.update(.keyPressed(.char("p")))
            assertSnapshot(state.draw(), named: "penalty-\(w)x\(h)")
        }
    }

    @Test func letters() throws {
        for (w, h) in Self.sizes {
            var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.office),
                                 school: try PanelTests.school(), width: w, height: h)
            var driver = FakeDriver()
            _ = state.run(command: "pupil \(PanelTests.liam)")
            driver.keys(&state, [.char("w")])
            assertSnapshot(state.draw(), named: "letters-\(w)x\(h)")
        }
    }

    @Test func help() {
        each("help-register") { s, d in
            _ = s.run(command: "register 4A")
            d.keys(&s, [.char("?")])
        }
    }

    @Test func commandPalette() {
        each("command-palette") { s, d in
            d.keys(&s, [.char(":")])
            d.type(&s, "re")
        }
    }

    @Test func tooSmallAWindowShowsAMessage() {
        var state = UISchool.state(width: 60, height: 20)
        let text = state.draw().text
        #expect(text.contains("make the window larger"))
        _ = state.update(.windowResized(width: 10, height: 3))
        _ = state.draw()
        _ = state.update(.windowResized(width: 0, height: 0))
        _ = state.draw()
    }
}
