import Attendance
import CSystemShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The words of safeguarding-sensitive entries, kept apart from everything else: one file per
/// entry in `sensitive/`, which only the DSL group can read (see `SharedDirectories`). The
/// journal, snapshots, audit trail and backups hold the entry without its words (a
/// reference: the entry's id, who wrote it and when), so a login outside the DSL group cannot
/// read them by any means; the author owns their own file and can read it back.
struct SensitiveNotes {
    let directory: String
    /// The store's groups, for making `sensitive/` if it is not there yet.
    let sharing: StoreSharing?

    init(store: String, sharing: StoreSharing?) {
        directory = "\(store)/\(Snapshot.sensitiveDirectory)"
        self.sharing = sharing
    }

    /// What is kept apart for one entry.
    struct Words: Codable, Equatable {
        var id: String
        var upn: String
        var by: String
        // Contact-log entries
        var text: String?
        var adultSpokenTo: String?
        var childSeen: Bool?
        // Meetings
        var goingWell: String?
        var concerns: String?
        var wellbeingGoals: String?
        var agreedActions: [String]?
    }

    func path(_ id: String) -> String { "\(directory)/\(id).json" }

    // MARK: Sealing (before anything is written to the journal or a snapshot)

    static func hasWords(_ e: ContactLogEntry) -> Bool {
        !e.text.isEmpty || e.adultSpokenTo != nil || e.childSeen != nil
    }

    static func hasWords(_ m: Meeting) -> Bool {
        !m.goingWell.isEmpty || !m.concerns.isEmpty || !m.wellbeingGoals.isEmpty || !m.agreedActions.isEmpty
    }

    /// The entry as the journal and snapshots hold it: no words, and marked as kept apart.
    static func sealed(_ e: ContactLogEntry) -> ContactLogEntry {
        guard e.sensitive else { return e }
        var s = e
        s.text = ""
        s.adultSpokenTo = nil
        s.childSeen = nil
        s.heldApart = true
        return s
    }

    static func sealed(_ m: Meeting) -> Meeting {
        guard m.sensitive == true else { return m }
        var s = m
        s.goingWell = ""
        s.concerns = ""
        s.wellbeingGoals = ""
        s.agreedActions = []
        s.heldApart = true
        return s
    }

    /// Writes the words of a sensitive entry to its own file, fsync'd. Called before the
    /// journal line that refers to it is written, so an acknowledged entry always has its words.
    /// A file already there under this id was left by a save whose journal line never got
    /// written (ids come from the sequence number, which that failure did not use up): unless it
    /// holds these very words, it is kept aside, never taken for this entry's (see `write`).
    /// Anything worth telling the user is added to `notes`.
    func keep(_ e: ContactLogEntry, notes: inout [String]) throws {
        if let words = SensitiveNotes.words(of: e) { try write(words, notes: &notes) }
    }

    func keep(_ m: Meeting, notes: inout [String]) throws {
        if let words = SensitiveNotes.words(of: m) { try write(words, notes: &notes) }
    }

    /// The words to keep apart for an entry, or nil when there are none to keep. An entry
    /// read back from the store (held apart already) is never written again: its words may
    /// be the "withheld" text of a login that cannot read them.
    static func words(of e: ContactLogEntry) -> Words? {
        guard e.sensitive, e.heldApart != true, SensitiveNotes.hasWords(e) else { return nil }
        return Words(id: e.id, upn: e.upn, by: e.by, text: e.text, adultSpokenTo: e.adultSpokenTo, childSeen: e.childSeen)
    }

    static func words(of m: Meeting) -> Words? {
        guard m.sensitive == true, m.heldApart != true, SensitiveNotes.hasWords(m) else { return nil }
        return Words(id: m.id, upn: m.upn, by: m.by, goingWell: m.goingWell, concerns: m.concerns,
                     wellbeingGoals: m.wellbeingGoals, agreedActions: m.agreedActions)
    }

    /// The prefix of a words file set aside because no journal line refers to it.
    static let unsavedPrefix = "unsaved-"

    private func write(_ words: Words, notes: inout [String]) throws {
        let file = path(words.id)
        try SharedDirectories.makeSensitiveDirectory(directory, sharing: sharing)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(words)
        // O_EXCL: a file already there is never overwritten, nor silently taken as ours.
        do {
            try SafeFile.writeNew(file, data)
        } catch where SafeFile.exists(file) {
            // The same author's same words about the same pupil: a whole school written again
            // (a migration retried). Anything else is someone else's words.
            if self.words(words.id) == words { return }
            let aside = "\(directory)/\(SensitiveNotes.unsavedPrefix)\(words.id)-\(getpid())-\(UInt32.random(in: 0 ... .max)).json"
            guard rename(file, aside) == 0 else {
                throw StoreError(file: file, "holds the words of an earlier save that did not complete, and cannot be moved aside (\(SafeFile.errnoText())); nothing was saved")
            }
            try SafeFile.writeNew(file, data)
            notes.append("\(file) held the words of an earlier sensitive entry whose save did not complete; they belong to no entry and were kept as \(aside) for the DSL to read (`rollcall check` lists them)")
        }
        try syncDirectoryEntry()
    }

    /// Makes the new file's name durable. Staff outside the DSL group may add a file to
    /// `sensitive/` but not open it to fsync it, so for them the whole filesystem is synced.
    private func syncDirectoryEntry() throws {
        if access(directory, R_OK) == 0 { return try SafeFile.syncDirectory(directory) }
        let parent = (directory as NSString).deletingLastPathComponent
        let fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError(file: parent, "cannot open directory (\(SafeFile.errnoText()))") }
        defer { close(fd) }
        guard rollcall_syncfs(fd) == 0 else { throw StoreError(file: directory, "sync failed (\(SafeFile.errnoText()))") }
    }

    // MARK: Reading back (for those the operating system lets read them)

    /// The words, or nil when this login may not read them (or they are missing).
    func words(_ id: String) -> Words? {
        guard !id.isEmpty, let data = FileManager.default.contents(atPath: path(id)) else { return nil }
        return try? JSONDecoder().decode(Words.self, from: data)
    }

    /// The entry with its words filled in where this login can read them; otherwise it says
    /// that the words are kept for the DSL and the head.
    func filled(_ e: ContactLogEntry) -> ContactLogEntry {
        SensitiveNotes.filled(e, with: e.heldApart == true ? words(e.id) : nil)
    }

    func filled(_ m: Meeting) -> Meeting {
        SensitiveNotes.filled(m, with: m.heldApart == true ? words(m.id) : nil)
    }

    /// The entry with `w` filled in, or the "withheld" text when there are none (wherever
    /// they are kept: a file here, a table in PostgreSQL).
    static func filled(_ e: ContactLogEntry, with w: Words?) -> ContactLogEntry {
        guard e.heldApart == true else { return e }
        var f = e
        if let w {
            f.text = w.text ?? ""
            f.adultSpokenTo = w.adultSpokenTo
            f.childSeen = w.childSeen
        } else {
            f.text = ContactLogEntry.withheldText
        }
        return f
    }

    static func filled(_ m: Meeting, with w: Words?) -> Meeting {
        guard m.heldApart == true else { return m }
        var f = m
        if let w {
            f.goingWell = w.goingWell ?? ""
            f.concerns = w.concerns ?? ""
            f.wellbeingGoals = w.wellbeingGoals ?? ""
            f.agreedActions = w.agreedActions ?? []
        } else {
            f.concerns = ContactLogEntry.withheldText
        }
        return f
    }

    /// A transaction's changes as the journal holds them: words kept apart first.
    func sealing(_ t: Transaction, notes: inout [String]) throws -> Transaction {
        var sealed = t
        sealed.changes = try t.changes.map { change in
            switch change {
            case .contact(let e) where e.sensitive:
                try keep(e, notes: &notes)
                return .contact(SensitiveNotes.sealed(e))
            case .meeting(let m) where m.sensitive == true:
                try keep(m, notes: &notes)
                return .meeting(SensitiveNotes.sealed(m))
            default:
                return change
            }
        }
        return sealed
    }

    /// A transaction read from the journal, with the words this login may read.
    func filling(_ t: Transaction) -> Transaction {
        var f = t
        f.changes = t.changes.map { change in
            switch change {
            case .contact(let e) where e.heldApart == true: return .contact(filled(e))
            case .meeting(let m) where m.heldApart == true: return .meeting(filled(m))
            default: return change
            }
        }
        return f
    }

    /// Fills in the words of every entry read from a snapshot without them.
    func fill(_ casework: inout Casework) {
        for entries in casework.contacts.values {
            for e in entries where e.heldApart == true && e.text.isEmpty { casework.put(filled(e)) }
        }
        for meetings in casework.meetings.values {
            for m in meetings where m.heldApart == true && m.concerns.isEmpty && m.goingWell.isEmpty { casework.put(filled(m)) }
        }
    }

    /// Every sensitive entry's words in a whole school written at once (a demo, a
    /// migration), kept apart before its snapshot is written.
    func keepAll(in school: School) throws {
        var notes: [String] = []
        for entries in school.casework.contacts.values {
            for e in entries where e.sensitive { try keep(e, notes: &notes) }
        }
        for meetings in school.casework.meetings.values {
            for m in meetings where m.sensitive == true { try keep(m, notes: &notes) }
        }
    }

    /// The files in `sensitive/` this login can list (nil when it cannot list the directory).
    func listable() -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
    }
}
