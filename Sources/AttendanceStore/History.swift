import Attendance
import Foundation

/// One entry in a pupil's audit trail: when, who, and what changed, with the reason.
public struct AuditEntry: Hashable, Sendable {
    public var seq: Int
    public var at: String
    public var login: String
    public var name: String
    public var role: String
    public var reason: String?
    public var origin: String?
    /// The school's date and time the change was made as of, when `--today`/`--now` set them
    /// apart from the real time `at` ("2026-11-30 09:05"); nil otherwise.
    public var schoolTime: String? = nil
    public var change: Change

    package init(seq: Int, at: String, login: String, name: String, role: String, reason: String?, origin: String?,
                 schoolTime: String? = nil, change: Change) {
        (self.seq, self.at, self.login, self.name, self.role) = (seq, at, login, name, role)
        (self.reason, self.origin, self.schoolTime, self.change) = (reason, origin, schoolTime, change)
    }
}

extension AuditEntry {
    /// The school's moment the change was made as of, where `--today`/`--now` set it apart
    /// from the real time it was recorded ("2026-11-30 09:05"); nil when they agree.
    public func schoolTimeIfDifferent(timeZone: String) -> String? {
        guard let schoolTime, schoolTime != LocalTime.dateTime(at, timeZone: timeZone) else { return nil }
        return schoolTime
    }
}

/// Part of the audit trail that could not be read: the file, the line (none when the whole
/// file or directory could not be read) and why. History shows what it can and lists these;
/// nothing is left out without one.
public struct AuditProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String { "\(file)\(line.map { ", line \($0)" } ?? ""): \(reason)" }

    package init(file: String, line: Int? = nil, reason: String) {
        (self.file, self.line, self.reason) = (file, line, reason)
    }
}

/// What a history holds: the entries that could be read, oldest first, and what could not.
public struct AuditTrail: Hashable, Sendable {
    public var entries: [AuditEntry] = []
    public var problems: [AuditProblem] = []

    package init(entries: [AuditEntry] = [], problems: [AuditProblem] = []) {
        (self.entries, self.problems) = (entries, problems)
    }
}

/// Reads the audit archive and the journal change by change, reporting (rather than
/// skipping or stopping at) a directory or file that cannot be read, a damaged line and a
/// change that does not decode.
enum AuditTrailReader {
    struct Read {
        var changes: [(record: JournalRecord, change: Change)] = []
        var problems: [AuditProblem] = []
    }

    /// The archive's and the journal's records, each sequence number once (a compaction that
    /// crashed may have archived a line twice: the first copy counts), oldest first, with the
    /// file and line each came from, and whatever could not be read.
    struct Lines {
        var records: [(record: JournalRecord, file: String, line: Int)] = []
        var problems: [AuditProblem] = []
        /// Each record's line as written, newline included, by sequence number (only when
        /// asked for: the hash chain and `audit export` need the bytes, history does not).
        var bytes: [Int: Data] = [:]
    }

    static func lines(store: String, journal: String?, keepingBytes: Bool = false) -> Lines {
        var result = Lines()
        var files: [String] = []
        let dir = "\(store)/\(Snapshot.auditDirectory)"
        if SafeFile.exists(dir) {  // none until the first compaction
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted().map { "\(dir)/\($0)" }
            } catch {
                result.problems.append(AuditProblem(file: dir, reason: "cannot be read as a directory, so the archived audit trail is missing from this history"))
            }
        }
        var seen: Set<Int> = []
        var records: [(record: JournalRecord, file: String, line: Int)] = []
        for path in files + (journal.map { [$0] } ?? []) {
            let bytes: [UInt8]
            do { bytes = try SafeFile.readBytes(path) } catch {
                result.problems.append(AuditProblem(file: path, reason: (error as? StoreError)?.message ?? "cannot be read (\(error))"))
                continue
            }
            let data = Data(bytes)
            var lineNumber = 0
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                do {
                    let r = try JournalRecord.parse(Data(line))
                    // A compaction that crashed may have archived a line twice: keep the first.
                    if seen.insert(r.seq).inserted {
                        records.append((r, path, lineNumber))
                        if keepingBytes { result.bytes[r.seq] = Data(line) + [0x0A] }
                    }
                } catch {
                    // A torn last line is a crash's leftover (the store says so when it opens), not damage.
                    if line.endIndex == data.endIndex && data.last != 0x0A { continue }
                    result.problems.append(AuditProblem(file: path, line: lineNumber, reason: "is damaged (checksum or JSON), so it is missing from this history"))
                }
            }
        }
        result.records = records.sorted(by: { $0.record.seq < $1.record.seq })
        return result
    }

    static func read(store: String, journal: String) -> Read {
        let lines = lines(store: store, journal: journal)
        var result = Read(problems: lines.problems)
        for (record, file, line) in lines.records {
            for (i, change) in record.changes.enumerated() {
                do { result.changes.append((record, try change.change)) } catch {
                    result.problems.append(AuditProblem(file: file, line: line, reason: "change \(i + 1) of transaction \(record.seq) (kind \"\(change.kind)\") cannot be read: \(error)"))
                }
            }
            for batch in record.marks ?? [] {
                do { result.changes += try batch.changes.map { (record, Change.mark($0)) } } catch {
                    result.problems.append(AuditProblem(file: file, line: line, reason: "marks of transaction \(record.seq) cannot be read: \(error)"))
                }
            }
        }
        return result
    }
}

extension Store {
    /// Every recorded change, oldest first, from the audit archive and the journal, with
    /// whatever could not be read. Marks entered before the store kept a journal (imports
    /// into layout 1) have no entries.
    public func auditTrail() -> AuditTrail {
        trail { _ in true }
    }

    private func trail(_ include: (Change) -> Bool) -> AuditTrail {
        let read = AuditTrailReader.read(store: path, journal: journal.path)
        var trail = AuditTrail(problems: read.problems)
        // The words of sensitive entries, where this login may read them (the DSL group, the author).
        let words = SensitiveNotes(store: path, sharing: sharing)
        for (record, change) in read.changes where include(change) {
            let shown = words.filling(Transaction([change])).changes.first ?? change
            trail.entries.append(AuditEntry(seq: record.seq, at: record.at, login: record.by, name: record.name, role: record.role,
                                            reason: record.reason, origin: record.origin, schoolTime: record.schoolTime, change: shown))
        }
        return trail
    }
}

extension Change {
    /// The pupil a change concerns, if any.
    public var pupil: String? {
        switch self {
        case .mark(let m): return m.upn
        case .pupil(let p): return p.upn
        case .caseDecision(let d): return d.upn
        case .actionDone(let a): return a.upn
        case .contact(let e): return e.upn
        case .meeting(let m): return m.upn
        case .timetable(let t): return t.upn
        case .intervention(let i): return i.upn
        case .penaltyNotice(let p): return p.upn
        case .calendar, .staff, .staffRemoved, .policy, .settings, .registerClosed: return nil
        }
    }
}
