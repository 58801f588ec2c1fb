import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The journal and the audit archive are one SHA-256 chain: each line holds the hash of the
/// line before it, so a trail altered after it was written does not verify, and `check` names
/// where. (A CRC alone can be recomputed by whoever edits the line.)
@Suite("The audit trail's hash chain", .serialized)
struct AuditChainTests {
    /// Every line of the journal and the archive, as written.
    func trailLines(_ path: String) throws -> [String] {
        var lines: [String] = []
        let audit = "\(path)/\(Snapshot.auditDirectory)"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: audit)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted().map { "\(audit)/\($0)" }
        for file in files + ["\(path)/\(Snapshot.journalName)"] {
            lines += String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// A line edited by hand, its CRC recomputed, as someone with the file would.
    func rewrite(_ file: String, line index: Int, _ edit: (String) -> String) throws {
        var lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = edit(String(lines[index].dropLast(18)) + "}")
        lines[index] = String(body.dropLast()) + ",\"crc\":\"\(CRC32.hex(Data(body.utf8)))\"}"
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func everyLineLinksToTheOneBeforeAcrossCompaction() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        try store.compact()
        try store.commit(markTransaction("A1", "2025-09-02", .pm, .presentPM), by: office)
        try store.commit(markTransaction("B2", "2025-09-02", .am, .illness), by: office)

        let lines = try trailLines(path)
        let records = try lines.map { try JournalRecord.parse(Data($0.utf8)) }
        #expect(records.map(\.seq) == Array(1...records.count))
        #expect(records.first?.prev == SHA256.genesis)
        for i in 1..<records.count {
            #expect(records[i].prev == SHA256.hex(Data((lines[i - 1] + "\n").utf8)), "line \(i + 1)")
        }
        let chain = AuditChain.verify(store: path)
        #expect(chain.brokenLink == nil)
        #expect(chain.linked == records.count && chain.transactions == records.count)
        #expect(chain.tip == SHA256.hex(Data((lines.last! + "\n").utf8)))
        let report = CheckReport.run(store: path)
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.notes.contains { $0.contains("hash chain verified over \(records.count) of \(records.count)") })

        // Another process opening the compacted store links its first line to the archive's last.
        let other = try Store.open(at: path)
        try other.commit(markTransaction("B2", "2025-09-02", .pm, .illness), by: office)
        #expect(AuditChain.verify(store: path).brokenLink == nil)
    }

    /// An archived line changed after it was written, with its CRC recomputed: check said
    /// sound before the chain; now it names the line.
    @Test func aLineChangedAfterItWasWrittenIsNamedByCheck() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        try store.compact()
        try store.commit(markTransaction("A1", "2025-09-02", .pm, .presentPM), by: office)
        let audit = "\(path)/\(Snapshot.auditDirectory)"
        let archived = try #require(try FileManager.default.contentsOfDirectory(atPath: audit).filter { $0.hasSuffix(".jsonl") }.sorted().first)
        // The staff line (the first) now says it was the head's doing.
        try rewrite("\(audit)/\(archived)", line: 0) { $0.replacingOccurrences(of: "\"role\":\"head\"", with: "\"role\":\"office\"") }
        #expect(try Store.open(at: path).lastSeq > 0)  // every line still reads: the CRC matches
        let report = CheckReport.run(store: path)
        let problem = try #require(report.problems.first { $0.contains("hash chain") })
        #expect(problem.contains("\(archived), line 1 (transaction 1)"), "\(problem)")
        #expect(problem.contains("changed after it was written"))
    }

    @Test func aLineRemovedOrAddedWithoutALinkBreaksTheChain() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        try store.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        let journal = "\(path)/\(Snapshot.journalName)"
        // A line appended by hand, with a valid CRC and the next sequence number, but no link.
        let forged = JournalRecord(seq: store.lastSeq + 1, at: store.now(), by: head, transaction: Transaction([.staff(StaffMember(login: "office", name: "Olu Office", role: .head))]))
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(try forged.line())
        try handle.close()
        let broken = try #require(AuditChain.verify(store: path).brokenLink)
        #expect(broken.contains("has no link"), "\(broken)")
        #expect(!CheckReport.run(store: path).isHealthy)
    }

    /// A store written before the chain: its old lines carry no link; the first new line
    /// links to the last old one, and the chain verifies from there.
    @Test func linesWrittenBeforeTheChainAreReadAndTheChainStartsAfterThem() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        let journal = "\(path)/\(Snapshot.journalName)"
        let count = try trailLines(path).count
        for i in 0..<count { try rewrite(journal, line: i) { $0.replacingOccurrences(of: #"\"prev\":\"[0-9a-f]{64}\","#, with: "", options: .regularExpression) } }
        #expect(try JournalRecord.parse(Data(try trailLines(path)[0].utf8)).prev == nil)
        let reopened = try Store.open(at: path)
        try reopened.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        let chain = AuditChain.verify(store: path)
        #expect(chain.brokenLink == nil)
        #expect(chain.linked == 1 && chain.transactions == count + 1)
        #expect(CheckReport.run(store: path).isHealthy)
    }
}
