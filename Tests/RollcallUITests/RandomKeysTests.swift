import Attendance
import Testing
@testable import RollcallUI

/// Seeded random keys through `update`, to every screen, overlay and form, each reached on
/// purpose first: no key traps (crashes), every screen still draws, cursors stay in their
/// lists, Esc (with y to throw typed text away) always gets out of an overlay, and the only
/// writes are the effects the driver is handed.
@Suite("Random keys")
struct RandomKeysTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
    }

    static let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete, .left, .right,
                              .ctrl("s"), .ctrl("u"), .ctrl("a"), .ctrl("e"), .ctrl("c"), .function(1), .function(5)]
        + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/\\.*!:?[]~ -#%éß李😀".map { Key.char($0) }

    static let pastes = ["mum rang\nS", "N*!n", "09:25", "李小龙\r\nZoë", String(repeating: "word ", count: 400), "\t\u{7}:quit\n", ""]

    /// A place in the app, how to get there, and how to tell it was reached.
    struct Place: Sendable {
        var name: String
        var staff: StaffMember = UISchool.head
        var reach: @Sendable (inout AppState, inout FakeDriver) -> Void
        var reached: @Sendable (AppState) -> Bool
    }

    static func screen(_ kind: ScreenKind) -> @Sendable (AppState) -> Bool { { $0.screen.kind == kind && $0.overlay == nil } }

    static func command(_ line: String) -> @Sendable (inout AppState, inout FakeDriver) -> Void {
        { state, driver in
            driver.keys(&state, [.char(":")])
            driver.type(&state, line)
            driver.keys(&state, [.enter])
        }
    }

    static func dialog(_ state: AppState, _ matches: (Dialog.Purpose) -> Bool) -> Bool {
        if case .dialog(let d) = state.overlay { return matches(d.purpose) }
        return false
    }

    static let liam = "A100000000005", ben = "B100000000001"

    /// Selects a pupil's case on the panel.
    static func selectOnPanel(_ state: inout AppState, _ upn: String) {
        guard case .panel(var p) = state.screen, let i = p.visible.firstIndex(where: { p.rows[$0].pupil.upn == upn }) else { return }
        p.cursor.selected = i
        state.screen = .panel(p)
    }

    static let places: [Place] = [
        Place(name: "Today", reach: { _, _ in }, reached: screen(.today)),
        Place(name: "Today (office)", staff: UISchool.office, reach: { _, _ in }, reached: screen(.today)),
        Place(name: "register", reach: command("register 4A"), reached: screen(.register)),
        Place(name: "register, finding a pupil", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("/")]) },
              reached: { if case .register(let r) = $0.screen { return r.search != nil }; return false }),
        Place(name: "register, half a code", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("Y")]) },
              reached: { if case .register(let r) = $0.screen { return r.codePrefix != nil }; return false }),
        Place(name: "closed register", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("*"), .char("!")]) },
              reached: { s in s.school.isClosed(group: "4A", session: Session(UISchool.today, .am)) && screen(.register)(s) }),
        Place(name: "calls", reach: command("calls"), reached: screen(.calls)),
        Place(name: "calls (office)", staff: UISchool.office, reach: command("calls"), reached: screen(.calls)),
        Place(name: "log a note", reach: command("log note liam"), reached: { $0.screen.kind == .log }),
        Place(name: "log a call", reach: command("log call liam"), reached: { $0.screen.kind == .log }),
        Place(name: "log a meeting", reach: command("log meeting ben"), reached: { $0.screen.kind == .log }),
        Place(name: "panel", reach: command("panel"), reached: screen(.panel)),
        Place(name: "panel, finding", reach: { s, d in command("panel")(&s, &d); d.keys(&s, [.char("/")]) },
              reached: { if case .panel(let p) = $0.screen { return p.finding }; return false }),
        Place(name: "panel (office)", staff: UISchool.office, reach: command("panel"), reached: screen(.panel)),
        Place(name: "letters", reach: { s, d in command("pupil \(liam)")(&s, &d); d.keys(&s, [.char("w")]) }, reached: screen(.letters)),
        Place(name: "reports", reach: command("reports"), reached: screen(.reports)),
        Place(name: "trust", reach: { s, d in
            s.context.trustStores = 3; command("trust")(&s, &d); _ = s.update(.trustLoaded(TrustScreenTests.overview()))
        }, reached: screen(.trust)),
        Place(name: "trust, a school", reach: { s, d in
            s.context.trustStores = 3; command("trust")(&s, &d); _ = s.update(.trustLoaded(TrustScreenTests.overview())); d.keys(&s, [.enter])
        }, reached: screen(.trustSchool)),
        Place(name: "trust, part read", reach: { s, d in
            s.context.trustStores = 4; command("trust")(&s, &d)
            for id in ["cedar", "alder"] { _ = s.update(.trustPartRead(TrustPartsTests.part(id))) }
        }, reached: { $0.trustReading != nil && screen(.trust)($0) }),
        Place(name: "trust, a lead staff at no school", reach: { s, _ in
            s.context.trust = .database; s.context.staffNowhere = true; s.screens = [.trust(TrustScreen())]
            _ = s.update(.trustRefreshDue); _ = s.update(.trustLoaded(TrustLeadScreenTests.published()))
        }, reached: { $0.context.staffNowhere && screen(.trust)($0) }),
        Place(name: "pupils", reach: command("pupils"), reached: screen(.pupils)),
        Place(name: "pupils, finding", reach: { s, d in command("pupils")(&s, &d); d.keys(&s, [.char("/")]) },
              reached: { if case .pupils(let p) = $0.screen { return p.searching }; return false }),
        Place(name: "pupil page", reach: command("pupil \(liam)"), reached: screen(.pupil)),
        Place(name: "absentee report", reach: command("report absentees"), reached: screen(.report)),
        Place(name: "help", reach: { s, d in d.keys(&s, [.char("?")]) }, reached: screen(.help)),
        Place(name: "command line", reach: { s, d in d.keys(&s, [.char(":")]) },
              reached: { if case .commandLine = $0.overlay { return true }; return false }),
        Place(name: "late arrival", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("a")]) },
              reached: { if case .lateArrival = $0.overlay { return true }; return false }),
        Place(name: "late arrival, leaving with a reason typed", reach: { s, d in
            command("register 4A")(&s, &d); d.keys(&s, [.char("a"), .tab]); d.type(&s, "bus"); d.keys(&s, [.escape])
        }, reached: { dialog($0) { if case .discardLateArrival = $0 { return true }; return false } }),
        Place(name: "register times", reach: command("settings"),
              reached: { if case .registerTimes = $0.overlay { return true }; return false }),
        Place(name: "call: spoke", reach: { s, d in command("calls")(&s, &d); d.keys(&s, [.char("s")]) },
              reached: { if case .callOutcome(let f) = $0.overlay { return f.outcome == .spoke }; return false }),
        Place(name: "call: no answer", reach: { s, d in command("calls")(&s, &d); d.keys(&s, [.char("n")]) },
              reached: { if case .callOutcome(let f) = $0.overlay { return f.outcome == .noAnswer }; return false }),
        Place(name: "call, leaving with a note typed", reach: { s, d in command("calls")(&s, &d); d.keys(&s, [.char("n")]); d.type(&s, "rang"); d.keys(&s, [.escape]) },
              reached: { dialog($0) { if case .discardCall = $0 { return true }; return false } }),
        Place(name: "penalty, not eligible (panel)", reach: { s, d in command("panel")(&s, &d); selectOnPanel(&s, liam); d.keys(&s, [.char("p")]) },
              reached: { if case .penalty(let f) = $0.overlay { return !f.check.eligible && f.check.eligibleParents.isEmpty }; return false }),
        Place(name: "penalty, eligible (panel)", reach: { s, d in command("panel")(&s, &d); selectOnPanel(&s, ben); d.keys(&s, [.char("p")]) },
              reached: { if case .penalty(let f) = $0.overlay { return f.check.eligible }; return false }),
        Place(name: "penalty (pupil page)", reach: { s, d in command("pupil \(liam)")(&s, &d); d.keys(&s, [.char("p")]) },
              reached: { if case .penalty = $0.overlay { return true }; return false }),
        Place(name: "a decision's reason", reach: { s, d in command("panel")(&s, &d); d.keys(&s, [.enter]) },
              reached: { dialog($0) { if case .decision = $0 { return true }; return false } }),
        Place(name: "unmarked before the close", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("!")]) },
              reached: { dialog($0) { if case .unmarkedBeforeClose = $0 { return true }; return false } }),
        Place(name: "an amendment's reason", reach: { s, d in command("register 4A")(&s, &d); d.keys(&s, [.char("*"), .char("!"), .char("N")]) },
              reached: { dialog($0) { if case .amendmentReason = $0 { return true }; return false } }),
        Place(name: "someone else's change", reach: { s, _ in
            _ = s.run(command: "register 4A")
            let effects = s.update(.keyPressed(.char("N")))
            guard case .commit(let id, _)? = effects.first else { return }
            _ = s.update(.changeRefused(id: id, Refusal(kind: .conflict, message: "changed meanwhile", conflictNow: Mark(.illness), conflictBy: "Jo Smith", conflictAt: "09:01")))
        }, reached: { dialog($0) { if case .conflict = $0 { return true }; return false } }),
        Place(name: "the first-run welcome", reach: { s, d in d.run(&s, .firstRun(welcome: ["A demo school made for you.", "You are its head."])) },
              reached: { dialog($0) { if case .welcome = $0 { return true }; return false } }),
        Place(name: "too small a window", reach: { s, d in d.run(&s, .windowResized(width: 60, height: 20)) }, reached: { $0.isTooSmall }),
    ]

    @Test func aHundredThousandRandomKeysEverywhereNeverTrap() throws {
        let school = try PanelTests.school()
        let burst = 200
        let bursts = (100_000 + Self.places.count * burst - 1) / (Self.places.count * burst)
        var rng = SplitMix(state: 20261130)
        var sent = 0
        for place in Self.places {
            var start = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: place.staff), school: school, width: 100, height: 30)
            var startDriver = FakeDriver()
            place.reach(&start, &startDriver)
            try #require(place.reached(start), "could not reach \(place.name)")
            for _ in 0..<bursts {
                var state = start
                var driver = startDriver
                for i in 0..<burst {
                    let key = rng.pick(Self.keys)
                    if i == burst / 2 - 1, rng.next() % 4 == 0 {
                        driver.run(&state, .windowResized(width: 50 + Int(rng.next() % 90), height: 10 + Int(rng.next() % 40)))
                    }
                    // Now and then a paste as well: text, never keys, wherever it lands.
                    if rng.next() % 50 == 0 { driver.run(&state, .pasted(rng.pick(Self.pastes))) }
                    driver.run(&state, .keyPressed(key))
                    sent += 1
                    // Drawing is most of the time in a debug build: every tenth frame, and the last.
                    if i % 10 == 9 || i == burst - 1 {
                        let grid = state.draw()
                        #expect(grid.width == state.width && grid.height == state.height)
                    }
                    #expect(!state.screens.isEmpty)
                    switch state.screen {
                    case .register(let r): #expect(r.upns.isEmpty || r.upns.indices.contains(r.cursor.selected))
                    case .pupils(let p): #expect(p.visible.isEmpty || p.visible.indices.contains(p.cursor.selected))
                    case .today(let t): #expect(t.lines.indices.contains(t.cursor.selected))
                    case .report(let r): #expect(r.entries.isEmpty || r.entries.indices.contains(r.cursor.selected))
                    default: break
                    }
                }
                // No overlay is a trap: Esc, and y where typed text would be thrown away, leave it.
                driver.run(&state, .windowResized(width: 100, height: 30))
                for _ in 0..<4 where state.overlay != nil { driver.keys(&state, [.escape, .char("y")]) }
                #expect(state.overlay == nil, "stuck in an overlay after random keys from \(place.name)")
                // Every change went through the driver as an effect, and the school is what they made.
                var replay = school
                for t in driver.committed { replay.apply(t) }
                for upn in replay.pupils.keys {
                    #expect(replay.register.mark(for: upn, at: Session(UISchool.today, .am)) == state.school.register.mark(for: upn, at: Session(UISchool.today, .am)))
                }
            }
        }
        #expect(sent >= 100_000)
    }
}
