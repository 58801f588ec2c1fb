import Attendance
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The audit trail kept after compaction: journal lines copied, unchanged, into
/// `audit/YYYY.jsonl` by the calendar year they were written in. Never trimmed: register
/// amendments must be kept at least six years.
enum AuditArchive {
    /// Appends the journal lines with `after < seq <= through` and returns the last seq copied.
    static func append(journalAt journalPath: String, after: Int, through: Int, store: String) throws -> Int {
        guard through > after, let data = FileManager.default.contents(atPath: journalPath) else { return after }
        let dir = "\(store)/\(Snapshot.auditDirectory)"
        try SafeFile.makeDirectory(dir)
        var byYear: [String: Data] = [:]
        var last = after
        for line in data.split(separator: 0x0A) {
            guard let (seq, year) = JournalRecord.peek(Data(line)), seq > after, seq <= through else { continue }
            byYear[year, default: Data()].append(contentsOf: line + [0x0A])
            last = max(last, seq)
        }
        for (year, lines) in byYear {
            let path = "\(dir)/\(year).jsonl"
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, SafeFile.fileMode)
            guard fd >= 0 else { throw StoreError(file: path, "cannot be opened (\(SafeFile.errnoText()))") }
            defer { close(fd) }
            try SafeFile.writeAll(fd, lines, path: path)
            guard fsync(fd) == 0 else { throw StoreError(file: path, "fsync failed (\(SafeFile.errnoText()))") }
        }
        try SafeFile.syncDirectory(dir)
        return last
    }

    /// Every archived and journalled record, oldest first, each once.
    static func records(store: String, journal: String) throws -> [JournalRecord] {
        var bySeq: [Int: JournalRecord] = [:]
        let dir = "\(store)/\(Snapshot.auditDirectory)"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        for path in names.map({ "\(dir)/\($0)" }) + [journal] {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var lineNumber = 0
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                do {
                    let r = try JournalRecord.parse(Data(line))
                    bySeq[r.seq] = r
                } catch {
                    // A torn last line is a crash's leftover, not damage.
                    if line.endIndex == data.endIndex && data.last != 0x0A { continue }
                    throw StoreError(file: path, "line \(lineNumber) is damaged (checksum or JSON); the rest of the audit trail is intact")
                }
            }
        }
        return bySeq.keys.sorted().map { bySeq[$0]! }
    }
}
