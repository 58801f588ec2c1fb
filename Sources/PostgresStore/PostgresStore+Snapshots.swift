import Attendance
import AttendanceStore
import Foundation

/// Snapshots (see `Schema.snapshotsSQL`): opening reads the latest one and the journal rows
/// after it. The head's process writes one once enough has changed since the last, so that
/// no open replays years of marks; the journal stays the truth, and `checkProblems` replays
/// it to compare.
extension PostgresStore {
    /// Changes since the latest snapshot after which the head's process writes another
    /// (about three school days of marks for 1,500 pupils, or one import).
    public static let snapshotAfterChanges = 10_000
    /// A change bigger than this is snapshotted straight after (as the file store compacts).
    public static let bigChange = 1_000

    /// The latest snapshot whose row the chain still holds with the same hash, if any.
    func latestSnapshotSeq() throws -> Int? {
        try db.execute("""
            SELECT s.seq FROM rollcall.snapshots s
            JOIN rollcall.journal j ON j.school = s.school AND j.seq = s.seq AND j.hash = s.hash
            WHERE s.school = $1 ORDER BY s.seq DESC LIMIT 1
            """, [schoolID]).scalar.flatMap { Int($0) }
    }

    /// The snapshot's documents (without the contact log's, when `contacts` is false).
    func snapshotDocuments(at seq: Int, contacts: Bool = true) throws -> [String: String] {
        var docs: [String: String] = [:]
        let rows = try db.execute("""
            SELECT name, body FROM rollcall.snapshot_parts WHERE school = $1 AND seq = $2 AND ($3::boolean OR name NOT LIKE 'contacts/%')
            """, [schoolID, seq, contacts ? "true" : "false"]).rows
        for r in rows {
            if let name = r[0], let body = r[1] { docs[name] = body }
        }
        return docs
    }

    /// Starts the school from the latest snapshot (before any row is read). One that cannot
    /// be read is passed over, with a warning: the journal from the start says the same.
    func readSnapshot() throws {
        guard lastSeq == 0, let seq = try latestSnapshotSeq() else { return }
        var docs = try snapshotDocuments(at: seq, contacts: false)
        let contactNames = try db.execute("SELECT name FROM rollcall.snapshot_parts WHERE school = $1 AND seq = $2 AND name LIKE 'contacts/%'",
                                          [schoolID, seq]).rows.compactMap { $0[0] }
        // The two newest years of marks now, the rest when asked for (as the file store).
        let years = docs.keys.compactMap { name in SchoolDocuments.marksYear(of: name).map { ($0, name) } }.sorted { $0.0 < $1.0 }
        var later: [AcademicYear: (name: String, text: String)] = [:]
        for (year, name) in years.dropLast(2) { later[year] = (name, docs.removeValue(forKey: name)!) }
        let words = try readableWords(after: 0)
        do {
            let read = try SchoolDocuments.decode(docs, source: "snapshot \(seq) of school \(schoolID)", words: { words[$0] })
            replaceSchool(read, seq: seq)
            unreadYears = later
            unreadContacts = (seq, contactNames.sorted())
        } catch {
            warnings.append("the snapshot of school \(schoolID) at row \(seq) cannot be read (\(error)); the whole journal was read instead")
        }
    }

    /// Writes a snapshot of the school as this process has it (at `lastSeq`). The head's alone.
    public func writeSnapshot() throws {
        guard lastSeq > 0 else { return }
        // The snapshot holds every year and the whole contact log, not what this process has read.
        try loadAllYears()
        try loadContacts()
        let docs = try SchoolDocuments.encode(school)
        let seq = lastSeq
        try db.transaction {
            guard try db.execute("SELECT rollcall.put_snapshot($1, $2)", [schoolID, seq]).scalar == "t" else { return }
            for d in docs {
                try db.execute("SELECT rollcall.put_snapshot_part($1, $2, $3, $4)", [schoolID, seq, d.name, d.text])
            }
        }
        changesSinceSnapshot = 0
    }

    /// A snapshot, if this login is the head and enough has changed: a failure is a warning,
    /// never a refused change (the change is already recorded).
    func snapshotIfDue(afterBigChange: Bool = false) {
        guard changesSinceSnapshot >= Self.snapshotAfterChanges || afterBigChange, school.staff[login]?.role == .head else { return }
        do { try writeSnapshot() } catch {
            warnings.append("a snapshot of school \(schoolID) could not be written (\(error)); opening reads more of the journal until one is")
        }
    }

    /// The latest snapshot against the journal replayed from the start to its row: nil when
    /// they agree, else what differs.
    /// The rows before it that name another author are returned as well (this process read
    /// only the rows after the snapshot).
    func snapshotProblem() throws -> (problem: String?, forgedBefore: [ForgedRow]) {
        guard let seq = try latestSnapshotSeq() else { return (nil, []) }
        let replay = try PostgresStore.replaying(db, url: url, school: schoolID, name: school.name, upTo: seq)
        let expected = Dictionary(uniqueKeysWithValues: try SchoolDocuments.encode(replay.school).map { ($0.name, $0.text) })
        let stored = try snapshotDocuments(at: seq)
        let differ = Set(expected.keys).union(stored.keys).filter { expected[$0] != stored[$0] }.sorted()
        guard !differ.isEmpty else { return (nil, replay.forgedRows) }
        return ("the snapshot of school \(schoolID) at row \(seq) does not match the journal replayed to that row (\(differ.joined(separator: ", ")) differ): it was not made by Rollcall from these rows; opening would show what it says", replay.forgedRows)
    }

    /// Reads the contact log's years from the snapshot that opening left unread (rows after
    /// the snapshot are already in): every year, or the years from `from` on.
    public func loadContacts(from: SchoolDate?) throws {
        guard let (seq, names) = unreadContacts, !names.isEmpty else { return }
        let wanted = names.filter { name in from.map { (SchoolDocuments.contactsYear(of: name)?.lastDay ?? $0) >= $0 } ?? true }
        guard !wanted.isEmpty else { return }
        let words = try readableWords(after: 0)
        let rows = try db.execute("SELECT name, body FROM rollcall.snapshot_parts WHERE school = $1 AND seq = $2 AND name = ANY ($3::text[])",
                                  [schoolID, seq, "{" + wanted.map { "\"\($0)\"" }.joined(separator: ",") + "}"])
        // Only the newest snapshots are kept: after enough changes (an app left open for
        // weeks), the one this process opened from may be gone. Say so; never show less.
        guard rows.count == wanted.count else {
            throw PGError(message: "the snapshot of school \(schoolID) at row \(seq), which this process opened from, has since been replaced by newer ones (the newest \(Schema.snapshotsKept) are kept), so its contact log cannot be read from it: open the school again")
        }
        try changingSchool { school in
            for r in rows.rows {
                guard let name = r[0], let body = r[1] else { continue }
                try SchoolDocuments.putContacts(body, name: name, source: "snapshot \(seq) of school \(schoolID)", words: { words[$0] },
                                                into: &school.casework)
            }
        }
        unreadContacts = (seq, names.filter { !wanted.contains($0) })
    }

    /// Reads a year of marks the snapshot holds and opening left unread.
    func readYear(_ year: AcademicYear) throws {
        guard let doc = unreadYears.removeValue(forKey: year) else { return }
        try changingSchool { school in
            try SchoolDocuments.putMarks(doc.text, name: doc.name, source: "snapshot of school \(schoolID)", into: &school.register)
        }
    }

    /// Reads the years of marks a change touches, before it is checked or applied.
    func readYears(of t: Transaction) throws {
        guard !unreadYears.isEmpty else { return }
        var years = Set<AcademicYear>()
        for case .mark(let m) in t.changes {
            let year = m.session.academicYear
            if unreadYears[year] != nil { years.insert(year) }
        }
        for year in years { try readYear(year) }
    }
}
