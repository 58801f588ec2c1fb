import Foundation
import Testing

/// Issue 19, defect 7, as the office and the head meet it: a pupils file records that Ann
/// left on Friday 12 September; on Monday her open case is closed "left the school", by
/// Rollcall, and she is on no list to act on.
@Suite("Issue 19: a leaver from the command line")
struct LeaverCommandTests {
    @Test func aPupilsFileWithALeavingDateClosesTheCaseAndEmptiesTheLists() throws {
        let scratch = Scratch()
        let store = try CaseworkCommandTests().seeded(scratch)
        let advance = try RollcallProcess.run(["case", "advance", "A1", "--reason", "80% after two weeks", "--as-of", "2025-09-12", "--store", store])
        #expect(advance.status == 0, "\(advance.stderr)")
        let before = try RollcallProcess.run(["caseload", "--as-of", "2025-09-15", "--store", store]).stdout
        #expect(before.contains("A1"), "\(before)")

        let leaving = scratch.write("leavers.csv", "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Leaving Date,Destination\nA1,Smith,Ann,2016-01-01,4,4A,2025-09-12,Hillside Primary\n")
        let imported = try RollcallProcess.run(["import", "pupils", leaving, "--today", "2025-09-15", "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")

        let shown = try RollcallProcess.run(["case", "show", "A1", "--as-of", "2025-09-15", "--store", store]).stdout
        #expect(shown.contains("left the school on 12 Sep 2025"), "\(shown)")
        #expect(shown.contains("by rollcall"), "\(shown)")
        let after = try RollcallProcess.run(["caseload", "--as-of", "2025-09-15", "--store", store]).stdout
        #expect(!after.contains("A1"), "\(after)")
        let history = try RollcallProcess.run(["history", "--pupil", "A1", "--store", store]).stdout
        #expect(history.contains("attendance case: close step-1 → closed, by Rollcall: left the school on 12 Sep 2025"), "\(history)")
        let chronology = try RollcallProcess.run(["chronology", "A1", "--as-of", "2025-09-15", "--store", store]).stdout
        #expect(chronology.contains("decision (Rollcall): attendance: closed at step-1"), "\(chronology)")
        let duties = try RollcallProcess.run(["duties", "--as-of", "2025-09-15", "--format", "json", "--store", store]).stdout
        #expect(!duties.contains("\"A1\""), "\(duties)")
    }
}
