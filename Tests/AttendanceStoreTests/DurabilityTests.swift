import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// A journal line for `record` whose JSON has a space after the first colon: valid JSON with
/// a valid checksum, but not in the exact shape Rollcall writes.
func looselyFormattedLine(_ record: JournalRecord) throws -> Data {
    var text = String(decoding: try record.line(), as: UTF8.self)
    text = String(text.dropLast(19)) + "}"  // without ,"crc":"…"} and the newline
    text = text.replacingOccurrences(of: "{\"at\":", with: "{\"at\": ")
    let crc = CRC32.hex(Data(text.utf8))
    return Data((String(text.dropLast()) + ",\"crc\":\"\(crc)\"}\n").utf8)
}

@Suite("The audit trail loses no line", .serialized)
struct AuditSequenceTests {
    @Test func aLineTheArchiveCannotPeekIsStillArchived() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        let t = markTransaction("A1", "2025-09-02", .am, .presentAM)
        var record = JournalRecord(seq: store.lastSeq + 1, at: store.now(), by: office, transaction: t)
        record.prev = store.chainTip()  // an odd shape, not a forgery: its hash-chain link holds
        let handle = try #require(FileHandle(forWritingAtPath: "\(path)/\(Snapshot.journalName)"))
        handle.seekToEndOfFile()
        handle.write(try looselyFormattedLine(record))
        try handle.close()
        let reader = try Store.open(at: path)
        #expect(reader.lastSeq == record.seq)
        do { try reader.compact() } catch { _ = error }  // refusing is also acceptable; losing is not
        #expect(try auditIsGapless(path))
        #expect(CheckReport.run(store: path).isHealthy)
    }

    @Test func compactionRefusesWhenTheJournalHoldsLessThanTheStoreApplied() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        // The last line vanishes from disk (same file, shorter) after this process read it.
        let journal = "\(path)/\(Snapshot.journalName)"
        let data = try SafeFile.read(journal)
        let cut = data.dropLast().lastIndex(of: 0x0A)! + 1
        #expect(truncate(journal, off_t(cut)) == 0)
        let manifestBefore = try SafeFile.read("\(path)/\(Snapshot.manifestName)")
        #expect { try store.compact() } throws: { "\($0)".contains("audit") && "\($0)".contains("\(store.lastSeq)") }
        #expect(try SafeFile.read(journal).count == cut)  // the journal is not emptied
        #expect(try SafeFile.read("\(path)/\(Snapshot.manifestName)") == manifestBefore)
    }

    @Test func checkReportsAGapInTheAuditArchive() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        try store.compact()
        #expect(CheckReport.run(store: path).isHealthy)
        let auditDir = "\(path)/\(Snapshot.auditDirectory)"
        let file = "\(auditDir)/" + (try FileManager.default.contentsOfDirectory(atPath: auditDir)).first!
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let report = CheckReport.run(store: path)
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.contains("audit") && $0.contains("2") })
    }

    @Test func checkReportsAnArchiveShortOfTheManifestsArchivedSeq() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.compact()
        let auditDir = "\(path)/\(Snapshot.auditDirectory)"
        let file = "\(auditDir)/" + (try FileManager.default.contentsOfDirectory(atPath: auditDir)).first!
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        lines.removeLast()
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let report = CheckReport.run(store: path)
        #expect(report.problems.contains { $0.contains("archivedSeq") || $0.contains("archived") })
    }
}

@Suite("Daily backups count only when verified", .serialized)
struct DailyBackupTests {
    static let day = Date(timeIntervalSince1970: 1_798_761_600 + 36_000)  // 2027-01-01 10:00 UTC

    @Test func aFailedDailyBackupDoesNotCountAsDoneAndIsTriedAgain() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        store.now = { DailyBackupTests.day }
        let backups = "\(path)/\(Snapshot.backupsDirectory)"
        try FileManager.default.moveItem(atPath: backups, toPath: dir.file("saved-backups"))
        FileManager.default.createFile(atPath: backups, contents: Data("not a directory".utf8))  // the copy cannot be made
        try store.commit(markTransaction("A1", "2025-10-01", .am, .presentAM), by: office)  // the change itself is made
        #expect(store.warnings.contains { $0.contains("daily backup") })
        #expect(store.school.register.mark(for: "A1", at: session("2025-10-01", .am)) != nil)
        try FileManager.default.removeItem(atPath: backups)
        try FileManager.default.moveItem(atPath: dir.file("saved-backups"), toPath: backups)
        try store.commit(markTransaction("B2", "2025-10-01", .am, .presentAM), by: office)
        let copy = try Store.open(at: "\(backups)/daily-2027-01-01")
        #expect(copy.lastSeq == store.lastSeq - 1)
    }

    @Test func aHalfWrittenDailyBackupWithTheRightNameIsNotAccepted() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        store.now = { DailyBackupTests.day }
        let half = "\(path)/\(Snapshot.backupsDirectory)/daily-2027-01-01"
        try FileManager.default.createDirectory(atPath: half, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(path)/\(Snapshot.manifestName)", toPath: "\(half)/\(Snapshot.manifestName)")
        try store.commit(markTransaction("A1", "2025-10-01", .am, .presentAM), by: office)
        let copy = try Store.open(at: half)
        try copy.loadAllYears()
        #expect(copy.lastSeq == store.lastSeq - 1)
        #expect(!FileManager.default.fileExists(atPath: half + ".tmp"))
    }

    @Test func checkReportsAMissingOrDamagedLatestDailyBackup() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        store.now = { DailyBackupTests.day }
        try store.commit(markTransaction("A1", "2025-10-01", .am, .presentAM), by: office)
        #expect(CheckReport.run(store: path).isHealthy)
        let latest = "\(path)/\(Snapshot.backupsDirectory)/daily-2027-01-01"
        // Damaged: a snapshot file of the copy changed.
        let school = try #require((FileManager.default.enumerator(atPath: latest)?.allObjects as? [String])?.first { $0.hasSuffix(Snapshot.schoolName) })
        try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(latest)/\(school)"))
        var report = CheckReport.run(store: path)
        #expect(report.backupProblems.contains { $0.contains("daily-2027-01-01") })
        #expect(report.isOpenable && !report.isHealthy)
        // Missing: the day of the latest change has no daily backup.
        try FileManager.default.removeItem(atPath: latest)
        report = CheckReport.run(store: path)
        #expect(report.backupProblems.contains { $0.contains("2027-01-01") && $0.contains("backup") })
    }
}

@Suite("A change that is durable is never reported as failed", .serialized)
struct DurableChangeTests {
    @Test func aCompactionThatFailsAfterTheLineIsWrittenLeavesTheChangeSaved() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        store.compactionThreshold = 0
        store.faultHook = { if $0 == .afterArchiveAppend { throw InjectedFault(point: $0) } }
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        #expect(store.warnings.contains { $0.contains("compaction") })
        #expect(try Store.open(at: path).school.register.mark(for: "A1", at: session("2025-09-02", .am))?.code == .presentAM)
        // Compaction is tried again at the next change, and the trail has no gap.
        store.faultHook = nil
        try store.commit(markTransaction("A1", "2025-09-03", .am, .presentAM), by: office)
        #expect(try SafeFile.read("\(path)/\(Snapshot.journalName)").isEmpty)
        #expect(try auditIsGapless(path))
        #expect(CheckReport.run(store: path).isHealthy)
    }

    @Test func aChangeThatCannotBeAppliedInMemoryAfterItIsDurableIsNotReportedAsFailed() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        var failed = false
        store.faultHook = { point in
            if point == .afterJournalAppend && !failed { failed = true; throw InjectedFault(point: point) }
        }
        let done = try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        #expect(done != nil)
        // The store re-read itself from disk, so memory matches what is saved.
        #expect(store.school.register.mark(for: "A1", at: session("2025-09-02", .am))?.code == .presentAM)
        #expect(store.lastSeq == (try Store.open(at: path)).lastSeq)
        try store.commit(markTransaction("A1", "2025-09-03", .am, .presentAM), by: office)
        #expect(try auditIsGapless(path))
    }
}

@Suite("A reader open all day", .serialized)
struct LongReaderTests {
    func runWriter(_ path: String, count: Int, first: String) throws -> [String: String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: stressBinary)
        p.arguments = [path, "office", "A1", first, String(count), "1", "1"]  // compacts after every change
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        var acknowledged: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3 { acknowledged[String(parts[1])] = String(parts[2]) }
        }
        return acknowledged
    }

    func expectHolds(_ store: Store, _ acknowledged: [String: String]) {
        for (key, code) in acknowledged {
            let s = Session(storageKey: key.replacingOccurrences(of: "_", with: " "))!
            #expect(store.school.register.mark(for: "A1", at: s)?.code.symbol == code, "\(key)")
        }
    }

    @Test func aReaderOpenAcrossTwoCompactionsByAnotherProcessRefreshesAndReadsEveryMark() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        let reader = try Store.open(at: path)
        let acknowledged = try runWriter(path, count: 3, first: "2021-01-04")  // an old year the reader has not loaded
        #expect(acknowledged.count == 3)
        #expect(reader.hasChangesOnDisk())
        #expect(try reader.refresh())
        try reader.loadAllYears()
        expectHolds(reader, acknowledged)
        #expect(reader.lastSeq == (try Store.open(at: path)).lastSeq)
        try reader.commit(markTransaction("B2", "2025-09-02", .am, .presentAM), by: office)
        #expect(try auditIsGapless(path))
    }

    @Test func aReaderThatDidNotRefreshStillLoadsOlderYearsAndBacksUpFromTheNewestSnapshot() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        // Newest first: each year is the one before a year the store holds (`School.yearsForMarks`).
        for year in [2025, 2024, 2023] { try store.commit(markTransaction("B2", "\(year)-01-0\(year == 2025 ? 6 : 4)", .am, .presentAM), by: office) }
        try store.commit(markTransaction("B2", "2022-01-04", .am, .presentAM), by: office)  // 2021-22: not read at open
        try store.compact()
        let reader = try Store.open(at: path)
        #expect(reader.unloadedYears.map(\.description) == ["2021-22", "2022-23", "2023-24"])
        let acknowledged = try runWriter(path, count: 3, first: "2021-01-04")  // deletes the reader's generation
        let copy = try Backup.make(reader, to: dir.file("copy"))
        let reopened = try Store.open(at: copy)
        try reopened.loadAllYears()
        expectHolds(reopened, acknowledged)
        try reader.loadAllYears()
        #expect(reader.school.register.mark(for: "B2", at: session("2022-01-04", .am))?.code == .presentAM)
        try reader.refresh()
        try reader.loadAllYears()
        expectHolds(reader, acknowledged)
    }
}
