import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("Amendments, the audit trail and roles")
struct AuditTests {
    @Test func changingAnExistingMarkNeedsAReason() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect {
            try store.commit(markTransaction("B2", "2025-09-01", .am, .illness), by: office)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("amendment and needs a reason") && (#require($0 as? ChangeRefused)).kind == .needsReason }
        #expect(store.school.register.mark(for: "B2", at: session("2025-09-01", .am))?.code == .reasonNotYetEstablished)
    }

    @Test func anAmendmentKeepsOriginalNewReasonWhenAndWho() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Date(timeIntervalSince1970: 1_764_580_500) }  // 2025-12-01 09:15 UTC
        try store.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang: chickenpox"), by: office)
        try store.compact()  // the trail survives compaction into the archive
        let history = try Store.open(at: dir.file("store")).history(upn: "B2").entries
        let amendment = try #require(history.last)
        guard case .mark(let m) = amendment.change else { Issue.record("not a mark"); return }
        #expect(m.previous?.code == .reasonNotYetEstablished)
        #expect(m.mark?.code == .illness)
        #expect(amendment.reason == "mum rang: chickenpox")
        #expect(amendment.at == "2025-12-01T09:15:00Z")
        #expect(amendment.name == "Olu Office" && amendment.role == "office")
        // The original import is in the trail too, with its file as the reason.
        #expect(history.contains { $0.origin == "import:m.csv" && $0.login == "office" })
    }

    @Test func whatHistoryCannotReadComesBackAsProblemsNamingFileAndLine() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Date(timeIntervalSince1970: 1_764_580_500) }  // 2025-12-01 09:15 UTC
        try store.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang"), by: office)
        try store.compact()
        let file = dir.file("store/audit/2025.jsonl")
        var lines = try #require(FileManager.default.contents(atPath: file)).split(separator: 0x0A).map { Data($0) }
        let index = try #require(lines.firstIndex { String(decoding: $0, as: UTF8.self).contains("mum rang") })
        var record = try JournalRecord.parse(lines[index])
        record.changes[0].kind = "mork"  // a change this Rollcall cannot read, under a valid checksum
        lines[index] = try record.line().dropLast()
        try Data(lines.map { $0 + [0x0A] }.joined()).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createDirectory(atPath: dir.file("store/audit/2099.jsonl"), withIntermediateDirectories: false)

        let trail = try Store.open(at: dir.file("store")).history(upn: "B2")
        #expect(trail.entries.contains { $0.origin == "import:m.csv" })  // the rest is still there
        #expect(!trail.entries.contains { $0.reason == "mum rang" })
        #expect(trail.problems.count == 2)
        #expect(trail.problems.contains { $0.file == file && $0.line == index + 1 && $0.reason.contains("unknown change kind \"mork\"") })
        #expect(trail.problems.contains { $0.file == dir.file("store/audit/2099.jsonl") && $0.line == nil && $0.reason.contains("cannot be read") })
        #expect(try Store.open(at: dir.file("store")).schoolHistory().problems.count == 2)
        #expect(!CheckReport.run(store: dir.file("store")).isHealthy)
    }

    @Test func officeStaffMayMarkButNotManageStaffOrCases() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("A1", "2025-09-02", .am, .lateBeforeClose), by: office)
        #expect {
            try store.commit(Transaction([.staff(StaffMember(login: "x", name: "X", role: .head))]), by: office)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("may not manage staff") && (#require($0 as? ChangeRefused)).kind == .notPermitted }
        #expect(!office.may(.workCases) && !office.may(.changePolicy) && !office.may(.requestPenaltyNotices))
        #expect(!office.may(.readSafeguardingNotes))
        #expect(fsw.may(.workCases) && !fsw.may(.requestPenaltyNotices))
        #expect(head.may(.requestPenaltyNotices) && head.may(.readSafeguardingNotes))
    }

    @Test func anUnknownLoginIsRefused() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect { try store.staffMember(login: "stranger") } throws: { "\($0)".contains("rollcall staff add stranger") && ($0 as? ChangeRefused)?.kind == .notPermitted }
        let stranger = StaffMember(login: "stranger", name: "S", role: .head)
        #expect(throws: ChangeRefused.self) { try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: stranger) }
    }

    @Test func removedStaffCanNoLongerWrite() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let other = try Store.open(at: dir.file("store"))
        try store.commit(Transaction([.staffRemoved(login: "office")]), by: head)
        #expect(throws: ChangeRefused.self) { try other.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office) }
    }

    @Test func theOnlyHeadCannotBeRemovedOrDemoted() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect(throws: ChangeRefused.self) { try store.commit(Transaction([.staffRemoved(login: "head")]), by: head) }
        #expect(throws: ChangeRefused.self) {
            try store.commit(Transaction([.staff(StaffMember(login: "head", name: "H", role: .office))]), by: head)
        }
    }

    @Test func preTwentyTwentyFourCodesOnlyArriveByImport() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect { try store.commit(markTransaction("A1", "2025-09-03", .am, .legacyAgreedHoliday), by: office) } throws: {
            try (#require($0 as? ChangeRefused)).message.contains("pre-2024") && (#require($0 as? ChangeRefused)).kind == .invalid
        }
        let marks = try MarkImport.parse("upn,date,session,mark\nA1,2025-09-03,AM,H\n", file: "old.csv", knownUPNs: ["A1"])
        #expect(try store.importMarks(marks, file: "old.csv", by: office).added == 1)
    }
}

@Suite("Undo of the last change")
struct UndoTests {
    @Test func undoPutsBackWhatWasThereAndIsAudited() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang"), by: office)
        try store.undoLast(by: office)
        #expect(store.school.register.mark(for: "B2", at: session("2025-09-01", .am))?.code == .reasonNotYetEstablished)
        // Undoing again redoes.
        try store.undoLast(by: office)
        #expect(store.school.register.mark(for: "B2", at: session("2025-09-01", .am))?.code == .illness)
        // A new mark undone is cleared; all of it stays in the audit trail.
        try store.commit(markTransaction("A1", "2025-09-09", .am, .lateBeforeClose), by: office)
        try store.undoLast(by: office)
        #expect(store.school.register.mark(for: "A1", at: session("2025-09-09", .am)) == nil)
        let trail = try Store.open(at: dir.file("store")).history(upn: "B2").entries
        #expect(trail.filter { $0.origin == "undo" }.count == 2)
        #expect(trail.last?.reason == "undo of the last change (B2 2025-09-01 AM)")
    }

    @Test func undoRefusesWhenSomeoneElseChangedTheMarkSince() throws {
        let dir = TempDirectory()
        let mine = try makeStore(dir)
        let theirs = try Store.open(at: dir.file("store"))
        try mine.commit(markTransaction("A1", "2025-09-10", .am, .lateBeforeClose), by: office)
        try theirs.commit(markTransaction("A1", "2025-09-10", .am, .lateAfterClose, reason: "arrived 9:40"), by: fsw)
        #expect { try mine.undoLast(by: office) } throws: { "\($0)".contains("has been changed since") }
        #expect(try Store.open(at: dir.file("store")).school.register.mark(for: "A1", at: session("2025-09-10", .am))?.code == .lateAfterClose)
    }

    @Test func onlyMarksCanBeUndone() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect { try Store.open(at: dir.file("store")).undoLast(by: office) } throws: { "\($0)".contains("nothing to undo") }
        try store.commit(Transaction([.staff(StaffMember(login: "new", name: "New Person", role: .office))]), by: head)
        #expect { try store.undoLast(by: head) } throws: { "\($0)".contains("only register marks can be undone") }
    }
}
