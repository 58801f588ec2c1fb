import Attendance
import Testing
@testable import RollcallUI

/// An effect that can take more than 50 ms is a value the driver runs off the input loop;
/// the status line says it is under way, keys keep working meanwhile, and its answer (a
/// message) says what became of it.
@Suite("Long effects")
struct LongEffectTests {
    /// The rows of the screen but the status line's (the second from the bottom).
    static func rowsButStatus(_ state: AppState) -> [String] {
        var rows = state.draw().text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        rows.remove(at: state.height - 2)
        return rows
    }

    static func absenteeReport() -> AppState {
        var state = UISchool.state()
        _ = state.run(command: "register 4A")
        _ = state.run(command: "report absentees")
        return state
    }

    @Test func writingAReportSaysSoThenSaysWhereItWent() {
        var state = Self.absenteeReport()
        let before = Self.rowsButStatus(state)
        guard case .report(let r) = state.screen else { Issue.record("no report"); return }

        let effects = state.update(.keyPressed(.char("w")))
        #expect(effects == [.writeReport(files: [ReportFile(name: r.fileStem + ".txt", contents: r.text(school: state.school.name)),
                                                 ReportFile(name: r.fileStem + ".csv", contents: r.csv)])])
        #expect(effects.allSatisfy { $0.isLong })
        #expect(state.status == StatusLine("Writing the report…", .dim))
        #expect(state.pending.isEmpty && state.overlay == nil && state.screens.count == 3)
        #expect(Self.rowsButStatus(state) == before, "only the status line changes while it is written")

        // Keys work while the driver writes it: the cursor moves, the status stays.
        _ = state.update(.keyPressed(.down))
        #expect(state.status == StatusLine("Writing the report…", .dim))

        let moved = Self.rowsButStatus(state)
        _ = state.update(.reportWritten(paths: ["/r/a.txt", "/r/a.csv"]))
        #expect(state.status == StatusLine("Saved: /r/a.txt and /r/a.csv", .good))
        #expect(Self.rowsButStatus(state) == moved)

        var failed = Self.absenteeReport()
        _ = failed.update(.keyPressed(.char("w")))
        _ = failed.update(.reportNotWritten(problem: "disk full"))
        #expect(failed.status == StatusLine("The report was not saved: disk full", .alert))
    }

    @Test func thePupilPageSaysItIsReadingTheTrailUntilItArrives() {
        var state = UISchool.state()
        let effects = state.run(command: "pupil A100000000001")
        #expect(effects == [.loadHistory(upn: "A100000000001")])
        #expect(effects.allSatisfy { $0.isLong })
        func page(_ state: AppState) -> [String] {
            guard case .pupil(let p) = state.screen else { return [] }
            return p.lines.map(\.text)
        }
        #expect(page(state).contains("Reading the audit trail…"))
        _ = state.update(.keyPressed(.down))  // keys meanwhile
        _ = state.update(.historyLoaded(upn: "A100000000001", [], state.school))
        #expect(!page(state).isEmpty && !page(state).contains("Reading the audit trail…"))
    }

    @Test func aCommitIsNotLong() {
        #expect(!Effect.commit(id: 1, Transaction([])).isLong)
        #expect(!Effect.quit.isLong)
    }
}
