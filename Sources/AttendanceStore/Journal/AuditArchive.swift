import Attendance
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The audit trail kept after compaction: journal lines copied, unchanged, into
/// `audit/YYYY.jsonl` by the calendar year they were written in. Never trimmed: register
/// amendments must be kept at least six years.
enum AuditArchive {
    /// Appends the journal lines with `after < seq <= through` and returns `through`. Every
    /// one of those sequence numbers must be in the journal, once and in order: otherwise
    /// nothing is archived and compaction is refused with the reason, because compaction
    /// empties the journal and a line the archive skipped would be lost for good.
    static func append(journalAt journalPath: String, after: Int, through: Int, store: String) throws -> Int {
        guard through > after else { return after }
        let refused = "compaction was refused so that no line of the audit trail is lost (nothing was changed); run `rollcall check`"
        guard let data = FileManager.default.contents(atPath: journalPath) else {
            throw StoreError(file: journalPath, "cannot be read for the audit trail (transactions \(after + 1)–\(through)); \(refused)")
        }
        let dir = "\(store)/\(Snapshot.auditDirectory)"
        var byYear: [String: Data] = [:]
        var expected = after + 1
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.isEmpty else { continue }
            guard let (seq, year) = seqAndYear(Data(line)) else {
                // A torn last line is a crash's leftover, never acknowledged: not part of the trail.
                if line.endIndex == data.endIndex && data.last != 0x0A { continue }
                throw StoreError(file: journalPath, "line \(lineNumber) cannot be read for the audit trail; \(refused)")
            }
            guard seq > after, seq <= through else { continue }
            guard seq == expected else {
                throw StoreError(file: journalPath, "line \(lineNumber) has sequence \(seq) where the audit trail needs \(expected) next; \(refused)")
            }
            byYear[year, default: Data()].append(contentsOf: line + [0x0A])
            expected += 1
        }
        guard expected > through else {
            throw StoreError(file: journalPath, "holds transactions only up to \(expected - 1), but the store has applied up to \(through); \(refused)")
        }
        try SafeFile.makeDirectory(dir)
        for (year, lines) in byYear {
            let path = "\(dir)/\(year).jsonl"
            let fd = try SafeFile.openCreating(path, O_WRONLY | O_APPEND)
            defer { close(fd) }
            var st = stat()
            fstat(fd, &st)
            do {
                try SafeFile.writeAll(fd, lines, path: path)
                guard fsync(fd) == 0 else { throw StoreError(file: path, "fsync failed (\(SafeFile.errnoText()))") }
            } catch {
                // A full disk: cut back to the lines that were there, never a half line.
                _ = ftruncate(fd, st.st_size)
                throw error
            }
        }
        try SafeFile.syncDirectory(dir)
        return through
    }

    /// A line's sequence number and the year it was written: by a peek at the shape Rollcall
    /// writes, else by parsing the whole line (any valid JSON with a valid checksum).
    private static func seqAndYear(_ line: Data) -> (Int, String)? {
        if let peeked = JournalRecord.peek(line) { return peeked }
        guard let r = try? JournalRecord.parse(line), r.at.count >= 4 else { return nil }
        return (r.seq, String(r.at.prefix(4)))
    }

    /// The sequence numbers `audit/` holds, each once, in order (a crash during compaction
    /// may have archived some twice).
    static func archivedSeqs(store: String) throws -> [Int] {
        try records(store: store, journal: nil).map(\.seq)
    }

    /// Every archived and journalled record, oldest first, each once; the first part that
    /// cannot be read is an error (history shows what it can: `AuditTrailReader`).
    static func records(store: String, journal: String?) throws -> [JournalRecord] {
        let read = AuditTrailReader.lines(store: store, journal: journal)
        if let problem = read.problems.first { throw StoreError(problem.description) }
        return read.records.map(\.record)
    }
}
