import Attendance
import Testing
@testable import RollcallUI

@Suite("The reports screen")
struct ReportsTests {
    func reports() -> AppState {
        var state = UISchool.state(width: 120, height: 40)
        _ = state.run(command: "reports")
        return state
    }

    @Test func theFiguresAreTheStatisticsCohorts() throws {
        let state = reports()
        guard case .reports(let r) = state.screen else { Issue.record("expected reports"); return }
        let range = Statistics.yearToDate(UISchool.today)
        let expected = state.school.statistics.cohorts(.registrationGroup, of: state.school.roll, in: range)
        let shown = r.rows.compactMap(\.cohort).filter { ["4A", "4B"].contains($0.name) }
        #expect(shown == expected)
        let school = try #require(r.rows.compactMap(\.cohort).first)
        #expect(school == state.school.statistics.cohorts(.wholeSchool, of: state.school.roll, in: range)[0])
        #expect(state.draw().text.contains("Whole school"))
    }

    @Test func enterListsTheGroupsPupils() throws {
        var state = reports()
        guard case .reports(var r) = state.screen else { Issue.record("expected reports"); return }
        r.cursor.selected = try #require(r.rows.firstIndex { $0.cohort?.name == "4B" })
        state.screen = .reports(r)
        _ = state.update(.keyPressed(.enter))
        guard case .pupils(let p) = state.screen else { Issue.record("expected the pupils list"); return }
        #expect(Set(p.visible.map { p.rows[$0].upn }) == ["B100000000001", "B100000000002"])
        #expect(state.draw().text.contains("4B"))
    }

    @Test func snapshots() {
        for (w, h) in ScreenSnapshotTests.sizes {
            var state = UISchool.state(width: w, height: h)
            _ = state.run(command: "reports")
            assertSnapshot(state.draw(), named: "reports-\(w)x\(h)")
        }
    }
}
