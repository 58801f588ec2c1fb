import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("Re-import never loses what staff recorded")
struct ReimportTests {
    @Test func aMissingColumnLeavesMinutesAndCommentAlone() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)  // A1 2025-09-01 PM is L, 10 minutes, "bus"
        let same = try MarkImport.read("upn,date,session,mark\nA1,2025-09-01,PM,L\n", file: "again.csv", knownUPNs: ["A1", "B2"])
        let r = try store.importMarks(same, file: "again.csv", by: office)
        #expect(r.unchanged == 1 && r.changed == 0)
        let changed = try MarkImport.read("upn,date,session,mark\nA1,2025-09-01,PM,U\n", file: "u.csv", knownUPNs: ["A1", "B2"])
        #expect(try store.importMarks(changed, file: "u.csv", by: office).changed == 1)
        #expect(try Store.open(at: dir.file("store")).school.register.mark(for: "A1", at: session("2025-09-01", .pm))
                == Mark(.lateAfterClose, minutesLate: 10, comment: "bus"))
        // A file that has the columns sets them, empty included.
        let cleared = try MarkImport.read("upn,date,session,mark,minutes_late,comment\nA1,2025-09-01,PM,U,,\n", file: "c.csv", knownUPNs: ["A1", "B2"])
        _ = try store.importMarks(cleared, file: "c.csv", by: office)
        #expect(store.school.register.mark(for: "A1", at: session("2025-09-01", .pm)) == Mark(.lateAfterClose))
    }

    @Test func aMissingColumnLeavesContactsFlagsAndPreferredNameAlone() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let full = "UPN,Surname,Forename,Preferred Name,Date of Birth,Year Group,Reg Group,CP,Contact 1 Name,Contact 1 Phone\nA1,Smith,Ann,Annie,2016-01-01,3,3A,Y,Mum,07700 900123\n"
        _ = try store.importPupils(try PupilImport.read(full, file: "full.csv"), file: "full.csv", by: office)
        let thin = "UPN,Legal Surname,Legal Forename,DOB,Year,Reg\nA1,Smith,Ann,2016-01-01,Year  4,4A\n"
        _ = try store.importPupils(try PupilImport.read(thin, file: "thin.csv"), file: "thin.csv", by: office)
        let ann = try #require(try Store.open(at: dir.file("store")).school.pupils["A1"])
        #expect(ann.yearGroup == YearGroup(4) && ann.registrationGroup == "4A")
        #expect(ann.preferredName == "Annie" && ann.flags.childProtection && ann.contacts.map(\.name) == ["Mum"])
    }

    @Test func aMarkStaffAmendedWithAReasonIsAConflictAndNothingIsStored() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)  // B2 2025-09-01 AM is N, from m.csv line 4
        try store.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang"), by: office)
        let before = contents(of: dir.file("store"))
        let again = marksCSV + "A1,2025-09-02,AM,/,,\n"
        let file = try MarkImport.read(again, file: "m.csv", knownUPNs: ["A1", "B2"])
        let refused = try #require(throws: ImportConflicts.self) { try store.importMarks(file, file: "m.csv", by: office) }
        #expect(refused.conflicts.count == 1)
        let c = try #require(refused.conflicts.first)
        #expect(c.line == 4 && c.upn == "B2" && c.session == session("2025-09-01", .am))
        #expect(c.stored?.code == .illness && c.fileMark?.code == .reasonNotYetEstablished)
        #expect(c.amendedBy == "Olu Office" && c.reason == "mum rang")
        #expect(refused.description.contains("line 4: B2 2025-09-01 AM: stored I, amended by Olu Office on "))
        #expect(refused.description.contains("(\"mum rang\"); the file has N"))
        #expect(refused.description.contains("--overwrite-amended"))
        #expect(contents(of: dir.file("store")) == before)
        #expect(store.school.register.mark(for: "A1", at: session("2025-09-02", .am)) == nil)
    }

    @Test func overwritingAmendedMarksIsItselfAnAmendmentNamingTheFile() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang"), by: office)
        let file = try MarkImport.read(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"])
        let r = try store.importMarks(file, file: "m.csv", by: office, overwriteAmended: true)
        #expect(r.changed == 1 && r.overwroteAmended == 1 && r.unchanged == 2)
        #expect(store.school.register.mark(for: "B2", at: session("2025-09-01", .am))?.code == .reasonNotYetEstablished)
        let last = try #require(store.history(upn: "B2").entries.last)
        #expect(last.origin == "import:m.csv" && last.reason?.contains("imported from m.csv") == true)
        guard case .mark(let m) = last.change else { Issue.record("not a mark"); return }
        #expect(m.previous?.code == .illness && m.isAmendment)
    }

    @Test func aMarkAnImportAmendedOrStaffChangedWithoutAReasonIsReplacedAsBefore() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        _ = try store.importMarks(try MarkImport.read("upn,date,session,mark\nB2,2025-09-01,AM,O\n", file: "o.csv", knownUPNs: ["B2"]), file: "o.csv", by: office)
        let r = try store.importMarks(try MarkImport.read(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"]), file: "m.csv", by: office)
        #expect(r.changed == 1 && r.overwroteAmended == 0)
    }
}
