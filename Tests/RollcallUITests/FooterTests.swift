import Attendance
import Testing
@testable import RollcallUI

/// What a newcomer needs from the footer: ? help and q quit on every screen, at 80 columns
/// too; p wherever it works; the digits that choose a contact on Calls.
@Suite("The footer")
struct FooterTests {
    static let places = ["today", "register 4A", "calls", "pupils", "pupil A100000000005", "panel", "reports", "report absentees", "help"]

    func footer(_ command: String, staff: StaffMember = UISchool.head, width: Int = 80) throws -> String {
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: staff), school: try PanelTests.school(), width: width, height: 24)
        _ = state.run(command: command)
        return state.draw().lines.last ?? ""
    }

    @Test(arguments: places)
    func helpAndQuitAreAlwaysShown(_ place: String) throws {
        for staff in [UISchool.head, UISchool.office] {
            let line = try footer(place, staff: staff)
            #expect(line.contains("? help") && line.contains("q quit"), "\(place): \(line)")
        }
    }

    @Test(arguments: ["panel", "pupil A100000000005"])
    func penaltyIsShownWhereItWorks(_ place: String) throws {
        #expect(try footer(place, width: 120).contains("p penalty"))
        #expect(try !footer(place, staff: UISchool.office, width: 120).contains("p penalty"))
    }

    @Test func callsShowsTheDigitsThatChooseAContact() throws {
        #expect(try footer("calls", width: 120).contains("1–9 contact"))
    }
}

@Suite("Sorting pupils by name")
struct PupilNameSortTests {
    @Test func thePupilListSortsByNameInTheSchoolsOrder() {
        var state = UISchool.state()
        state.school.upsert(UISchool.pupil("C100000000001", "Dąbrowski", "Ann", group: "4B"))
        state.school.upsert(UISchool.pupil("C100000000002", "Dubois", "Ann", group: "4B"))
        _ = state.run(command: "pupils")
        guard case .pupils(let p) = state.screen else { Issue.record("not the pupil list"); return }
        let names = p.visible.map { p.rows[$0].name }.filter { $0.hasPrefix("Ann D") }
        #expect(names == ["Ann Dąbrowski", "Ann Dubois"])
    }
}
