import Foundation
import Testing

/// Issue 19, defect 10: X (not of compulsory school age) for a pupil who is, and C2
/// (part-time timetable) for a nursery child, are refused by hand and by import, with the
/// rule in the words; an import names each line and stores nothing from the file.
@Suite("Issue 19: X and C2 only for the pupils they are for, by hand and by import")
struct AgeCodeRefusalTests {
    /// Ann (born 2016) is of compulsory school age; Nia (born 2022) is in the nursery.
    func store(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Age School", "--name", "Hana Head"]).status == 0)
        let pupils = scratch.write("p.csv", "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nA1,Smith,Ann,2016-01-01,3,3A\nN1,Nur,Nia,2022-06-01,N1,N\n")
        let r = try RollcallProcess.run(["import", "pupils", pupils, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    @Test func anImportIsRefusedNamingEachLineAndTheRule() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let file = scratch.write("m.csv", """
            upn,date,session,mark
            A1,2025-09-01,AM,/
            A1,2025-09-02,AM,X
            N1,2025-09-01,AM,/
            N1,2025-09-02,PM,C2

            """)
        let r = try RollcallProcess.run(["import", "marks", file, "--store", store, "--today", "2025-09-10"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("nothing imported; 2 problems"), "\(r.stderr)")
        #expect(r.stderr.contains("line 3: A1 2025-09-02 AM: X is only for a child not of compulsory school age"), "\(r.stderr)")
        #expect(r.stderr.contains("line 5: N1 2025-09-02 PM: C2 (part-time timetable) is only for a pupil of compulsory school age"), "\(r.stderr)")
        // Not even the good lines.
        let marks = try RollcallProcess.run(["export", "marks", "--store", store]).stdout
        #expect(!marks.contains("A1") && !marks.contains("N1"), "\(marks)")

        // The other way round is what the codes are for: accepted.
        let right = scratch.write("ok.csv", "upn,date,session,mark\nA1,2025-09-02,AM,C2\nN1,2025-09-02,PM,X\n")
        let ok = try RollcallProcess.run(["import", "marks", right, "--store", store, "--today", "2025-09-10"])
        #expect(ok.status == 0 && ok.stdout.contains("2 marks read; 2 added"), "\(ok.stdout) \(ok.stderr)")
    }

    @Test func byHandTheSameRuleInTheSameWords() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let x = try RollcallProcess.run(["mark", "A1", "2025-09-03", "AM", "X", "--store", store, "--today", "2025-09-03"])
        #expect(x.status != 0)
        #expect(x.stderr.contains("A1 2025-09-03 AM: X is only for a child not of compulsory school age, and Ann is of compulsory school age then"), "\(x.stderr)")
        let c2 = try RollcallProcess.run(["mark", "N1", "2025-09-03", "PM", "C2", "--store", store, "--today", "2025-09-03"])
        #expect(c2.status != 0)
        #expect(c2.stderr.contains("N1 2025-09-03 PM: C2 (part-time timetable) is only for a pupil of compulsory school age, and Nia is not then"), "\(c2.stderr)")
        #expect(try RollcallProcess.run(["mark", "N1", "2025-09-03", "PM", "X", "--store", store, "--today", "2025-09-03"]).status == 0)
        #expect(try RollcallProcess.run(["mark", "A1", "2025-09-03", "PM", "C2", "--store", store, "--today", "2025-09-03"]).status == 0)
    }
}
