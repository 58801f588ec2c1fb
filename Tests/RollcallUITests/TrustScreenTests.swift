import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

/// `:trust` (issue 23): the trust's schools most concern first, each school's day on Enter,
/// read-only, with pupils named only where the login is on that school's own staff.
@Suite("The trust screen")
struct TrustScreenTests {
    /// Two schools: the test school (the login is its staff) and a copy renamed, with one
    /// more absence, where the login is only the trust lead.
    static func overview() -> TrustOverview {
        let date = UISchool.today
        let own = UISchool.make()
        var other = UISchool.make()
        other.name = "Other Primary School"
        other.register.record(Mark(.unknownReason), for: "B100000000001", at: Session(SchoolDate("2026-11-27")!, .am))
        var rows = [TrustRow(school: own, asOf: date, time: ClockTime(hour: 9, minute: 5)),
                    TrustRow(school: other, asOf: date, time: ClockTime(hour: 9, minute: 5))]
        rows[0].id = "own"
        rows[1].id = "other"
        rows = TrustSort.concern.sorted(rows)
        return TrustOverview(asOf: date, rows: rows, total: TrustRow.total(of: rows, asOf: date),
                             notRead: [.init(id: "/srv/rollcall/far", reason: "not readable by jsmith")],
                             national: (try? NationalFiguresFile.load())?.line(for: .primary, asOf: date),
                             schools: ["own": .init(id: "own", school: own, mayReadNames: true),
                                       "other": .init(id: "other", school: other, mayReadNames: false)])
    }

    func trust(width: Int = 80, height: Int = 24) -> AppState {
        var state = UISchool.state(width: width, height: height)
        state.context.trustStores = 3
        let effects = state.run(command: "trust")
        #expect(effects == [.loadTrust(generation: 1)])
        _ = state.update(.trustLoaded(Self.overview()))
        return state
    }

    @Test func withoutStoresItSaysHowToStartIt() {
        var state = UISchool.state()
        #expect(state.run(command: "trust").isEmpty)
        #expect(state.screen.kind == .today)
        #expect(state.status?.text.contains("--stores") == true)
    }

    @Test func mostConcernFirstWithTheTotalAndTheSchoolsNotRead() throws {
        let state = trust(width: 120, height: 40)
        guard case .trust = state.screen else { Issue.record("expected the trust screen"); return }
        let text = String(state.draw().text.drop { $0 != "\n" })   // below the header, which names the app's own school
        let other = try #require(text.range(of: "Other Primary School")), own = try #require(text.range(of: "Test Primary School"))
        #expect(other.lowerBound < own.lowerBound, "the school with more absence comes first")
        #expect(text.contains("Trust total") && text.contains("/srv/rollcall/far (not readable by jsmith)"))
        #expect(text.contains("England (England, state-funded primary schools, autumn term 2024/25)") && text.contains("Pupil absence in schools in England"))
    }

    @Test func enterShowsTheSchoolsDayNamingPupilsOnlyWhereTheLoginIsStaff() throws {
        var state = trust(width: 120, height: 40)
        _ = state.update(.keyPressed(.enter))   // the first row: the other school
        guard case .trustSchool(let other) = state.screen else { Issue.record("expected a school"); return }
        #expect(other.name == "Other Primary School")
        let otherText = state.draw().text
        #expect(otherText.contains("no pupil is named") && !otherText.contains("O'Connor"), "\(otherText)")
        _ = state.update(.keyPressed(.escape))
        _ = state.update(.keyPressed(.down))
        _ = state.update(.keyPressed(.enter))
        guard case .trustSchool(let own) = state.screen else { Issue.record("expected a school"); return }
        #expect(own.name == "Test Primary School")
        #expect(state.draw().text.contains("O'Connor"))
        // Read-only: no key on it sends a change.
        for key in "npsx!*/ ".map({ Key.char($0) }) + [.enter] {
            #expect(!state.update(.keyPressed(key)).contains { if case .commit = $0 { return true }; return false })
        }
    }

    @Test func snapshots() {
        for (w, h) in ScreenSnapshotTests.sizes {
            var state = trust(width: w, height: h)
            assertSnapshot(state.draw(), named: "trust-\(w)x\(h)")
            _ = state.update(.keyPressed(.enter))
            assertSnapshot(state.draw(), named: "trust-school-\(w)x\(h)")
        }
    }
}
