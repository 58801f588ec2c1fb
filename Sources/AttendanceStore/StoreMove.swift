import Attendance
import Foundation

/// One transaction of a school's audit trail as `rollcall store move` carries it between the
/// file store and the database: who made it, when, and what, with the words of its
/// sensitive entries apart (each with its author), as both stores keep them.
package struct MovedRow {
    /// ISO 8601, UTC, to the second (as both stores show it).
    package var at: String
    package var author: String
    /// The author's name and role when they made it (the file store's journal keeps them).
    package var name: String
    package var role: String
    package var schoolTime: String?
    /// Without the words of its sensitive entries (they are in `words`).
    package var sealed: Transaction
    package var words: [SensitiveWords]

    package init(at: String, author: String, name: String, role: String, schoolTime: String?, sealed: Transaction, words: [SensitiveWords]) {
        (self.at, self.author, self.name, self.role, self.schoolTime, self.sealed, self.words) = (at, author, name, role, schoolTime, sealed, words)
    }

    /// The transaction with its words back in (its sensitive entries marked as kept apart).
    package var filled: Transaction {
        let byID = Dictionary(words.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return TransactionJSON.filling(sealed, words: { byID[$0] })
    }

    /// The transaction as it was made: words in, not yet kept apart (what a store seals again).
    package var unsealed: Transaction {
        let byID = Set(words.map(\.id))
        var t = filled
        t.changes = t.changes.map { change in
            switch change {
            case .contact(var e) where e.heldApart == true && byID.contains(e.id):
                e.heldApart = nil
                return .contact(e)
            case .meeting(var m) where m.heldApart == true && byID.contains(m.id):
                m.heldApart = nil
                return .meeting(m)
            default:
                return change
            }
        }
        return t
    }
}

extension SensitiveWords {
    /// Who wrote them.
    package var author: String { words.by }
}

/// Takes the words out of a transaction's sensitive entries, whether they are in it (written
/// before words were kept apart, or a school in memory) or kept apart already (`stored`).
package enum MoveSealing {
    package struct MissingWords: Error, CustomStringConvertible {
        package var ids: [String]
        package init(ids: [String]) { self.ids = ids }
        package var description: String {
            "the words of \(ids.count) sensitive entr\(ids.count == 1 ? "y" : "ies") (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : "")) cannot be read by this login; run the move as the DSL or the head, who can read them"
        }
    }

    package static func seal(_ t: Transaction, stored: (String) -> SensitiveWords?, missing: inout [String]) -> (Transaction, [SensitiveWords]) {
        var words: [SensitiveWords] = []
        var sealed = t
        sealed.changes = t.changes.map { change in
            switch change {
            case .contact(let e) where e.sensitive:
                if e.heldApart == true {
                    if let w = stored(e.id) { words.append(w) } else { missing.append(e.id) }
                } else if let w = SensitiveNotes.words(of: e) {
                    words.append(SensitiveWords(w))
                }
                return .contact(SensitiveNotes.sealed(e))
            case .meeting(let m) where m.sensitive == true:
                if m.heldApart == true {
                    if let w = stored(m.id) { words.append(w) } else { missing.append(m.id) }
                } else if let w = SensitiveNotes.words(of: m) {
                    words.append(SensitiveWords(w))
                }
                return .meeting(SensitiveNotes.sealed(m))
            default:
                return change
            }
        }
        return (sealed, words)
    }
}

// MARK: Out of a file store

extension Store {
    /// Every transaction of the audit trail (archive and journal), oldest first, as moved
    /// rows; before them, when the store holds records its trail never recorded (a
    /// generated or demo school, or one migrated from the first layout, starts with a
    /// snapshot), rows holding those, in `mover`'s name at `now`, the reason saying so.
    /// Refuses a trail with a damaged line, and words this login cannot read.
    package func rowsForMove(mover: StaffMember, now: Date) throws -> (rows: [MovedRow], recordsBeforeTrail: Int) {
        try loadAllYears()
        try loadContacts()
        let records: [JournalRecord] = try lock.withShared {
            _ = try catchUp()
            for year in unloadedYears { try ensureLoaded(year) }
            for year in SnapshotIO.contactYears(in: manifest.snapshot) { try ensureContactsLoaded(year) }
            return try AuditArchive.records(store: path, journal: journal.path)
        }
        let notes = sensitive
        let stored: (String) -> SensitiveWords? = { id in notes.words(id).map(SensitiveWords.init) }
        var missing: [String] = []
        var trail: [MovedRow] = []
        var replay = School(name: school.name)
        for r in records {
            let t: Transaction
            do { t = try r.transaction } catch {
                throw StoreError(file: journal.path, "transaction \(r.seq) cannot be read (\(error)); nothing was moved")
            }
            let (sealed, words) = MoveSealing.seal(t, stored: stored, missing: &missing)
            let row = MovedRow(at: r.at, author: r.by, name: r.name, role: r.role, schoolTime: r.schoolTime, sealed: sealed, words: words)
            replay.apply(row.filled)
            trail.append(row)
        }
        if !missing.isEmpty { throw MoveSealing.MissingWords(ids: missing) }
        let reason = "moved from \(path) by \(mover.login): what the store held before its audit trail began (as `init`, `demo` or a migration wrote it), with no earlier record of who entered it"
        var before: [MovedRow] = []
        for t in MoveBaseline.transactions(final: school, replayed: replay, reason: reason) {
            let (sealed, words) = MoveSealing.seal(t, stored: stored, missing: &missing)
            before.append(MovedRow(at: Timestamp.iso(now), author: mover.login, name: mover.name, role: mover.role.rawValue,
                                   schoolTime: nil, sealed: sealed, words: words))
        }
        if !missing.isEmpty { throw MoveSealing.MissingWords(ids: missing) }
        return (before + trail, before.count)
    }
}

// MARK: Into a new file store

extension Store {
    /// Writes a new private store at `path` whose journal is `rows`, each line in its own
    /// author's name and time (the way back from a database), then folds it into a snapshot.
    /// Refuses a directory that already holds a store.
    package static func createMoved(at path: String, schoolName: String, rows: [MovedRow]) throws -> Store {
        if SafeFile.exists("\(path)/\(Snapshot.manifestName)") {
            throw StoreError(file: path, "already holds a Rollcall store; a move writes a new one: choose an empty directory")
        }
        return try makeNew(at: path, school: School(name: schoolName), sharing: nil) { store in
            _ = try store.readJournal()
            for row in rows {
                let t = row.unsealed
                var kept: [String] = []
                let sealed = try store.sensitive.sealing(t, notes: &kept)
                let author = StaffMember(login: row.author, name: row.name, role: StaffRole(rawValue: row.role) ?? .office)
                var record = JournalRecord(seq: store.lastSeq + 1, at: Date(timeIntervalSince1970: 0), by: author, transaction: sealed)
                record.at = row.at
                record.role = row.role
                record.schoolTime = row.schoolTime
                try store.appendToJournal(record, warnedSince: store.warnings.count)
                store.lastSeq = record.seq
                try store.apply(t)
            }
            try store.compactLocked()
        }
    }
}

// MARK: A school made in memory

extension MovedRow {
    /// The rows that make `school` from nothing, in `mover`'s name at `now` (a generated
    /// school going straight into a database: `rollcall demo --trust N --database URL`).
    package static func making(_ school: School, mover: StaffMember, now: Date, reason: String) -> [MovedRow] {
        var missing: [String] = []
        return MoveBaseline.transactions(final: school, replayed: School(name: school.name), reason: reason).map { t in
            let (sealed, words) = MoveSealing.seal(t, stored: { _ in nil }, missing: &missing)
            return MovedRow(at: Timestamp.iso(now), author: mover.login, name: mover.name, role: mover.role.rawValue,
                            schoolTime: nil, sealed: sealed, words: words)
        }
    }
}
