import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("The store on disk")
struct StoreTests {
    @Test func createRefusesAnExistingStore() throws {
        let dir = TempDirectory()
        _ = try Store.create(at: dir.file("store"), schoolName: "One", head: head)
        #expect(throws: StoreError.self) { try Store.create(at: dir.file("store"), schoolName: "Two", head: head) }
        let reopened = try Store.open(at: dir.file("store"))
        #expect(reopened.school.name == "One")
        #expect(reopened.school.staff["head"]?.role == .head)
    }

    @Test func changesSurviveReopeningFromTheJournalAndAfterCompaction() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("B2", "2025-09-02", .am, .illness), by: office)
        func check(_ s: Store) {
            #expect(s.school.pupils.count == 2)
            #expect(s.school.register.mark(for: "A1", at: session("2025-09-01", .pm)) == Mark(.lateBeforeClose, minutesLate: 10, comment: "bus"))
            #expect(s.school.register.mark(for: "B2", at: session("2025-09-02", .am))?.code == .illness)
            #expect(s.school.staff.count == 3)
        }
        check(try Store.open(at: dir.file("store")))
        try store.compact()
        #expect(try String(contentsOfFile: dir.file("store/journal.jsonl"), encoding: .utf8).isEmpty)
        let reopened = try Store.open(at: dir.file("store"))
        check(reopened)
        #expect(reopened.lastSeq == store.lastSeq)
    }

    @Test func reimportingPupilsUpdatesByUPNWithoutDuplicates() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let changed = pupilsCSV.replacingOccurrences(of: "Jones,Ben", with: "Jones,Benjamin")
        let r = try store.importPupils(try PupilImport.parse(changed, file: "p.csv"), file: "p.csv", by: office)
        #expect(r.added == 0 && r.changed == 1 && r.unchanged == 1)
        let school = try Store.open(at: dir.file("store")).school
        #expect(school.pupils.count == 2)
        #expect(school.pupils["B2"]?.legalForename == "Benjamin")
    }

    @Test func reimportingTheSameMarksChangesNothing() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let before = contents(of: dir.file("store"))
        let r = try store.importMarks(try MarkImport.parse(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"]), file: "m.csv", by: office)
        #expect(r.added == 0 && r.changed == 0 && r.unchanged == 3)
        #expect(contents(of: dir.file("store")) == before)
    }

    @Test func filesArePrivate() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.compact()
        let fm = FileManager.default
        #expect(try fm.attributesOfItem(atPath: dir.file("store"))[.posixPermissions] as? Int == 0o700)
        for f in contents(of: dir.file("store")).keys where !f.hasPrefix("backups") {
            #expect(try fm.attributesOfItem(atPath: dir.file("store/\(f)"))[.posixPermissions] as? Int == 0o600, "\(f)")
        }
        #expect(store.warnings.isEmpty)
    }

    @Test func aStoreOthersCanReadIsWarnedAbout() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        chmod(dir.file("store"), 0o755)
        let store = try Store.open(at: dir.file("store"))
        #expect(store.warnings.contains { $0.contains("can be read by other users") })
    }

    @Test func notAStore() {
        let dir = TempDirectory()
        #expect { try Store.open(at: dir.path) } throws: { try (#require($0 as? StoreError)).message.contains("rollcall init") }
    }
}

@Suite("Damaged files stop the store and are left untouched")
struct DamagedStoreTests {
    /// Damages a store, then checks that opening it fails with `expect` in the message,
    /// names `file`, and changes no file.
    func expectRefusal(file: String, containing expected: String, damage: (TempDirectory, String) throws -> Void) throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.compact()
        try store.commit(markTransaction("B2", "2025-09-03", .am, .illness), by: office)
        let gen = dir.file("store/\(Snapshot.generationName(store.manifest.snapshot.generation))")
        try damage(dir, gen)
        let before = contents(of: dir.file("store"))
        #expect {
            try Store.open(at: dir.file("store"))
        } throws: { error in
            let text = "\(error)"
            return text.contains(expected) && text.contains(file)
        }
        #expect(contents(of: dir.file("store")) == before)
        #expect(!CheckReport.run(store: dir.file("store")).isHealthy)
    }

    @Test func invalidJSONInTheManifest() throws {
        try expectRefusal(file: "rollcall.json", containing: "invalid JSON") { dir, _ in
            try Data("{\"schemaVersion\": 2, \"snapsh".utf8).write(to: URL(fileURLWithPath: dir.file("store/rollcall.json")))
        }
    }

    @Test func aSnapshotFileWhoseChecksumFails() throws {
        try expectRefusal(file: "pupils.json", containing: "does not match its checksum") { _, gen in
            let path = "\(gen)/pupils.json"
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "Smith", with: "Smyth")
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test func aMissingSnapshotFile() throws {
        try expectRefusal(file: "2025-26.json", containing: "is missing") { _, gen in
            try FileManager.default.removeItem(atPath: "\(gen)/marks/2025-26.json")
        }
    }

    @Test func aMissingJournal() throws {
        try expectRefusal(file: "journal.jsonl", containing: "is missing: changes since the last snapshot may have been lost") { dir, _ in
            try FileManager.default.removeItem(atPath: dir.file("store/journal.jsonl"))
        }
    }

    @Test func aNewerSchemaVersion() throws {
        try expectRefusal(file: "rollcall.json", containing: "newer Rollcall") { dir, _ in
            let path = dir.file("store/rollcall.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 9")
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test func aDamagedJournalLineInTheMiddle() throws {
        try expectRefusal(file: "journal.jsonl", containing: "line 1 (byte 0) is damaged") { dir, _ in
            let path = dir.file("store/journal.jsonl")
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"I\"", with: "\"O\"") + text  // a changed line, then a good one
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test func aTornLastJournalLineIsIgnoredReportedAndTrimmedByTheNextWrite() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("B2", "2025-09-03", .am, .illness), by: office)
        let path = dir.file("store/journal.jsonl")
        let handle = FileHandle(forUpdatingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":99,\"at\":\"2026-".utf8))
        handle.closeFile()
        let reopened = try Store.open(at: dir.file("store"))
        #expect(reopened.warnings.contains { $0.contains("incomplete last line") })
        #expect(reopened.school.register.mark(for: "B2", at: session("2025-09-03", .am))?.code == .illness)
        try reopened.commit(markTransaction("B2", "2025-09-04", .am, .medical), by: office)
        let again = try Store.open(at: dir.file("store"))
        #expect(again.warnings.isEmpty)
        #expect(again.school.register.mark(for: "B2", at: session("2025-09-04", .am))?.code == .medical)
        #expect(CheckReport.run(store: dir.file("store")).isHealthy)
    }
}
