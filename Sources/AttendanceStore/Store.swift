import Attendance
import Foundation

/// A school's records on disk: a snapshot generation plus the journal of transactions since.
/// Several processes may hold the same store open; each write locks, catches up on what the
/// others wrote, checks the change against the current state and appends one fsync'd line.
public final class Store {
    public let path: String
    public private(set) var school: School
    /// Things worth telling the user that did not stop the store opening.
    public private(set) var warnings: [String] = []
    /// The sequence number of the last transaction applied.
    public private(set) var lastSeq: Int
    /// The clock, injected so tests can fix it.
    public var now: () -> Date = Date.init
    /// The daily backup this process knows exists ("daily-YYYY-MM-DD").
    var dailyBackupSeen: String?
    /// Compact once the journal grows past this many bytes.
    public var compactionThreshold = 4 << 20
    /// Tests only: called at each `FaultPoint`; throwing there simulates a failure.
    var faultHook: ((FaultPoint) throws -> Void)?
    /// A compaction after a change failed: it is tried again at the next change.
    public private(set) var compactionDue = false
    /// A change was made durable but could not be applied in memory, nor the store re-read:
    /// it is re-read from disk before anything else is done with it.
    private var needsReload = false
    /// The last seq this process copied into `audit/` (a compaction may fail after copying).
    private var archivedThrough = 0
    /// The manifest as this process last read or wrote it: a compaction by another process
    /// replaces it (the journal's inode alone can be reused after two compactions).
    private var manifestIdentity: FileIdentity?

    let lock: StoreLock
    let journal: JournalFile
    private(set) var manifest: Snapshot.Manifest
    /// Marks years changed since the snapshot was written (the rest are hard-linked).
    private var changedYears: Set<AcademicYear> = []
    /// Years of marks read into memory. Opening reads the two newest (all the first screens
    /// and the 10-school-week window need); older years are read when asked for, and always
    /// before a change to them is applied.
    private var loadedYears: Set<AcademicYear> = []
    /// Years of the contact log read into memory: none at open (no first screen needs the
    /// whole log); read by year when asked for, and before a contact in that year is added.
    private var loadedContactYears: Set<AcademicYear> = []
    private var changedContactYears: Set<AcademicYear> = []
    /// Who last changed each mark, as far as this process has seen (journal lines read or
    /// written since it opened), to say who a conflicting change was by.
    private var markAuthors: [MarkKey: MarkAuthor] = [:]
    private struct MarkKey: Hashable { var upn: String; var ordinal: Int }
    private struct MarkAuthor { var name: String; var at: String }

    /// The snapshot files read when the store was opened (for the benchmark's reference).
    public var filesReadAtOpen: [String] {
        let gen = file(Snapshot.generationName(manifest.snapshot.generation))
        return [file(Snapshot.manifestName), "\(gen)/\(Snapshot.schoolName)", "\(gen)/\(Snapshot.pupilsName)"]
            + (manifest.snapshot.files[Snapshot.caseworkName] != nil ? ["\(gen)/\(Snapshot.caseworkName)"] : [])
            + SnapshotIO.years(in: manifest.snapshot).filter(loadedYears.contains).map { "\(gen)/\(Snapshot.marksName($0))" }
    }

    /// Years the snapshot holds that are not in memory yet (see `loadAllYears`).
    public var unloadedYears: [AcademicYear] {
        SnapshotIO.years(in: manifest.snapshot).filter { !loadedYears.contains($0) }
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The OS groups this store is shared with; nil for a store private to one login.
    public var sharing: StoreSharing? { manifest.sharing }

    /// Where the words of safeguarding-sensitive entries are kept.
    var sensitive: SensitiveNotes { SensitiveNotes(store: path, sharing: manifest.sharing) }

    /// False for a store that cannot be written (a backup copy, a read-only mount): it can
    /// be read, and every change is refused, saying why.
    public var isWritable: Bool { lock.isWritable }

    /// Adds a warning once (for the AttendanceStore module: it never prints).
    func warn(_ text: String) {
        if !warnings.contains(text) { warnings.append(text) }
    }

    private init(path: String, school: School, manifest: Snapshot.Manifest, lock: StoreLock) {
        self.path = path
        self.school = school
        self.manifest = manifest
        self.lastSeq = manifest.snapshot.seq
        self.lock = lock
        self.journal = JournalFile(path: "\(path)/\(Snapshot.journalName)")
    }

    // MARK: Create

    /// Creates an empty store whose first member of staff, the head, is `head`.
    /// Refuses a directory that already holds a store.
    /// With `sharing`, the store is set up for several logins (see `StoreSharing`).
    public static func create(at path: String, schoolName: String, head: StaffMember, policy: Policy? = nil,
                              sharing: StoreSharing? = nil) throws -> Store {
        var school = School(name: schoolName)
        school.casework.policy = policy
        school.staff[head.login] = StaffMember(login: head.login, name: head.name, role: .head, isDSL: head.isDSL)
        return try create(at: path, school: school, sharing: sharing)
    }

    /// Creates a store holding a whole school at once (a generated or demo school): its
    /// first snapshot, with no journal. The school must have a head.
    public static func create(at path: String, school: School, sharing: StoreSharing? = nil) throws -> Store {
        guard school.staff.values.contains(where: { $0.role == .head }) else {
            throw StoreError(file: path, "a store needs a head on its staff list")
        }
        if SafeFile.exists("\(path)/\(Snapshot.manifestName)") {
            throw StoreError(file: path, "already holds a Rollcall store; open it instead, or choose another directory")
        }
        try SharedDirectories.prepare(store: path, sharing: sharing)
        let lock = try StoreLock(directory: path)
        return try lock.withExclusive {
            try SharedDirectories.makeSensitiveDirectory("\(path)/\(Snapshot.sensitiveDirectory)", sharing: sharing)
            let ref = try SnapshotIO.write(school, seq: 0, generation: 1, store: path, previous: nil, changedYears: nil, sharing: sharing)
            let manifest = Snapshot.Manifest(schemaVersion: Snapshot.schemaVersion, snapshot: ref, archivedSeq: 0, sharing: sharing)
            try writeManifest(manifest, store: path)
            try SafeFile.replace("\(path)/\(Snapshot.journalName)", with: Data())
            let store = Store(path: path, school: school, manifest: manifest, lock: lock)
            // Everything written is also in memory.
            store.loadedYears = Set(SnapshotIO.years(in: ref))
            store.loadedContactYears = Set(SnapshotIO.contactYears(in: ref))
            store.journal.rewind()
            store.manifestIdentity = FileIdentity(path: store.file(Snapshot.manifestName))
            return store
        }
    }

    static func writeManifest(_ manifest: Snapshot.Manifest, store: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SafeFile.replace("\(store)/\(Snapshot.manifestName)", with: try encoder.encode(manifest))
    }

    // MARK: Open

    /// Opens a store: the snapshot, then every journal line after it. A store in an older
    /// layout is migrated forward after a backup, with `migratingAs` recorded as its head.
    /// `now` is the store's clock (see `Store.now`), injected so tests can fix it.
    public static func open(at path: String, migratingAs: StaffMember? = nil, now: @escaping () -> Date = Date.init) throws -> Store {
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        guard SafeFile.exists(manifestPath) else {
            // A directory this login may not enter is not "not a store": say whose it is.
            if SafeFile.exists(path), access(path, R_OK | X_OK) != 0 { throw SafeFile.accessDenied(path) }
            throw StoreError(file: path, "is not a Rollcall store (no \(Snapshot.manifestName)); create one with `rollcall init --store \(path) --school NAME`")
        }
        let lock = try StoreLock(directory: path)
        let probe = try JSONFile.decode(Snapshot.VersionProbe.self, at: manifestPath)
        try JSONFile.checkVersion(probe.schemaVersion, file: manifestPath)
        var migrated: String?
        if probe.schemaVersion < Snapshot.schemaVersion {
            guard let migratingAs else {
                throw StoreError(file: manifestPath, "is in an older layout (schemaVersion \(probe.schemaVersion)); open it with rollcall as the head to migrate it")
            }
            migrated = try lock.withExclusive { try Migration.migrate(store: path, from: probe.schemaVersion, head: migratingAs, now: now()) }
        }
        let store = try lock.withShared { () throws -> Store in
            let manifest = try JSONFile.decode(Snapshot.Manifest.self, at: manifestPath)
            // An empty journal is normal; a missing one may mean lost changes.
            guard SafeFile.exists("\(path)/\(Snapshot.journalName)") else {
                throw StoreError(file: "\(path)/\(Snapshot.journalName)", "is missing: changes since the last snapshot may have been lost. Restore the store from a backup in \(path)/\(Snapshot.backupsDirectory) (nothing was changed)")
            }
            let newest = Set(SnapshotIO.years(in: manifest.snapshot).suffix(2))
            let school = try SnapshotIO.read(manifest.snapshot, store: path, loadYear: newest.contains)
            let store = Store(path: path, school: school, manifest: manifest, lock: lock)
            store.now = now
            store.manifestIdentity = FileIdentity(path: manifestPath)
            store.loadedYears = newest
            try store.readJournal()
            return store
        }
        store.warnings += (migrated.map { [$0] } ?? []) + Permissions.warnings(store: path, sharing: store.sharing)
        return store
    }

    /// Applies the journal lines this process has not seen. Returns true if any were new.
    @discardableResult
    private func readJournal() throws -> Bool {
        let read = try journal.readNew()
        var applied = false
        for (line, record) in read.records where record.seq > lastSeq {
            guard record.seq == lastSeq + 1 else {
                throw StoreError(file: journal.path, "line \(line) has sequence \(record.seq) after \(lastSeq): lines are missing. Restore the store from a backup (nothing was changed)")
            }
            let t: Transaction
            do { t = try record.transaction } catch {
                throw StoreError(file: journal.path, "line \(line) cannot be applied: \(error)")
            }
            try apply(t)
            noteAuthor(of: t, name: record.name, at: record.at)
            lastSeq = record.seq
            applied = true
        }
        if read.incompleteTailBytes > 0 {
            let note = "\(journal.path): ignored an incomplete last line (\(read.incompleteTailBytes) bytes) left by an interrupted write; it will be trimmed on the next change"
            if !warnings.contains(note) { warnings.append(note) }
        }
        return applied
    }

    private func noteAuthor(of t: Transaction, name: String, at: String) {
        let marks = t.changes.lazy.compactMap { if case .mark(let m) = $0 { return MarkKey(upn: m.upn, ordinal: m.session.ordinal) } else { return nil } }
        // A big import is not worth remembering mark by mark: forget, rather than misname.
        if t.changes.count > 1000 {
            if !markAuthors.isEmpty { for key in marks { markAuthors[key] = nil } }
        } else {
            for key in marks { markAuthors[key] = MarkAuthor(name: name, at: at) }
        }
    }

    private func apply(_ t: Transaction) throws {
        let t = sensitive.filling(t)
        for case .mark(let m) in t.changes { try ensureLoaded(m.session.academicYear) }
        for case .contact(let e) in t.changes { try ensureContactsLoaded(AcademicYear(containing: e.on)) }
        school.apply(t)
        for case .mark(let m) in t.changes { changedYears.insert(m.session.academicYear) }
        for case .contact(let e) in t.changes { changedContactYears.insert(AcademicYear(containing: e.on)) }
    }

    private func ensureContactsLoaded(_ year: AcademicYear) throws {
        guard !loadedContactYears.contains(year) else { return }
        if manifest.snapshot.files[Snapshot.contactsName(year)] != nil {
            try SnapshotIO.readContacts(year, from: manifest.snapshot, store: path, into: &school.casework)
        }
        loadedContactYears.insert(year)
    }

    /// Reads the contact log: every year, or the years from `from` on.
    public func loadContacts(from: SchoolDate? = nil) throws {
        let first = from.map { AcademicYear(containing: $0) }
        let wanted = SnapshotIO.contactYears(in: manifest.snapshot).filter { first == nil || $0 >= first! }
        guard wanted.contains(where: { !loadedContactYears.contains($0) }) else { return }
        try lock.withShared {
            _ = try catchUp()
            for year in SnapshotIO.contactYears(in: manifest.snapshot) where first == nil || year >= first! {
                try ensureContactsLoaded(year)
            }
        }
    }

    /// With a lock held and caught up: reads a year of marks from the snapshot if needed.
    private func ensureLoaded(_ year: AcademicYear) throws {
        guard !loadedYears.contains(year) else { return }
        if manifest.snapshot.files[Snapshot.marksName(year)] != nil {
            try SnapshotIO.readYear(year, from: manifest.snapshot, store: path, into: &school.register)
        }
        loadedYears.insert(year)
    }

    /// Reads every year of marks the snapshot holds (for history-wide statistics and export).
    public func loadAllYears() throws {
        try loadYears { _ in true }
    }

    /// Reads the years figures over `range` need, including the weeks before it that a
    /// rolling 10-school-week window can reach back into.
    public func loadYears(covering range: DateRange) throws {
        let from = min(range.start, range.end.adding(days: -200))
        try loadYears { $0.lastDay >= from && $0.firstDay <= range.end }
    }

    private func loadYears(where wanted: (AcademicYear) -> Bool) throws {
        guard unloadedYears.contains(where: wanted) else { return }
        try lock.withShared {
            _ = try catchUp()
            for year in unloadedYears where wanted(year) { try ensureLoaded(year) }
        }
    }

    // MARK: Others' changes

    /// True if another process has written since this one last looked. Cheap: one stat.
    public func hasChangesOnDisk() -> Bool {
        journal.currentInode() != journal.inode || (journal.currentSize() ?? 0) != journal.offset
            || FileIdentity(path: file(Snapshot.manifestName)) != manifestIdentity
    }

    /// Pulls in what other processes have written. Returns true if anything changed.
    @discardableResult
    public func refresh() throws -> Bool {
        guard hasChangesOnDisk() else { return false }
        return try lock.withShared { try catchUp() }
    }

    /// With a lock held: follow a compaction by another process, then read new journal lines.
    /// A compaction replaces the manifest; this process's snapshot generation may be gone
    /// (two compactions delete it), so it re-reads from the newest manifest.
    func catchUp() throws -> Bool {
        if needsReload {
            try reload(from: try JSONFile.decode(Snapshot.Manifest.self, at: file(Snapshot.manifestName)))
            needsReload = false
            return true
        }
        let manifestNow = FileIdentity(path: file(Snapshot.manifestName))
        if journal.currentInode() != journal.inode || manifestNow != manifestIdentity {
            let latest = try JSONFile.decode(Snapshot.Manifest.self, at: file(Snapshot.manifestName))
            if latest.snapshot.seq > lastSeq || latest.snapshot.generation != manifest.snapshot.generation && !SafeFile.exists(file(Snapshot.generationName(manifest.snapshot.generation))) {
                try reload(from: latest)
                return true
            }
            manifest = latest
            manifestIdentity = manifestNow
            journal.rewind()
            _ = try readJournal()
            return true
        }
        return try readJournal()
    }

    /// Re-reads the store from `latest` and the journal: the years this process had, so
    /// nothing it showed disappears.
    private func reload(from latest: Snapshot.Manifest) throws {
        let identity = FileIdentity(path: file(Snapshot.manifestName))
        let wanted = loadedYears.union(SnapshotIO.years(in: latest.snapshot).suffix(2))
        school = try SnapshotIO.read(latest.snapshot, store: path, loadYear: wanted.contains)
        loadedYears = wanted
        lastSeq = latest.snapshot.seq
        changedYears = []
        let contactYears = loadedContactYears
        loadedContactYears = []
        changedContactYears = []
        manifest = latest
        manifestIdentity = identity
        for year in contactYears { try ensureContactsLoaded(year) }
        journal.rewind()
        _ = try readJournal()
    }

    // MARK: Changes

    /// The member of staff with this OS login, or a refusal that says what to do.
    public func staffMember(login: String) throws -> StaffMember {
        guard let s = school.staff[login] else {
            throw ChangeRefused(.notPermitted, "\(login) is not on this store's staff list; ask the head to run `rollcall staff add \(login) --name \"…\" --role office|attendance|head`")
        }
        return s
    }

    /// Records a transaction durably: returns once its journal line is fsync'd, or throws
    /// (`ChangeRefused` for a change the rules or the member's role do not allow) having
    /// written nothing. Parts that change nothing are left out; nil means nothing changed.
    /// Once the line is fsync'd the change stands and `commit` returns normally: a failure
    /// to apply it in memory re-reads the store from disk, and a failed compaction (or daily
    /// backup) becomes a warning and is tried again at the next change.
    @discardableResult
    public func commit(_ transaction: Transaction, by actor: StaffMember) throws -> Transaction? {
        try commit(transaction, by: actor) { _ in }
    }

    /// The last transaction this process recorded, for `undoLast`.
    public private(set) var lastCommitted: Transaction? {
        get { lastMarks.map { Transaction($0.marks.changes.map(Change.mark), reason: $0.reason, origin: $0.origin) } ?? lastTransaction }
        set { lastTransaction = newValue; lastMarks = nil }
    }
    private var lastTransaction: Transaction?
    /// An import's marks, kept as columns until asked for (see `commitMarks`).
    private var lastMarks: (marks: MarkColumns, reason: String?, origin: Transaction.Origin)?

    /// Undoes the last change this process made, if it was register marks that nobody has
    /// changed since: each mark goes back to what it was, as an amendment whose reason says
    /// so, so the audit trail keeps both. Undoing again puts the change back.
    @discardableResult
    public func undoLast(by actor: StaffMember) throws -> Transaction? {
        guard let last = lastCommitted else { throw ChangeRefused(.invalid, "there is nothing to undo") }
        var marks: [MarkChange] = []
        for change in last.changes {
            guard case .mark(let m) = change else {
                throw ChangeRefused(.invalid, "only register marks can be undone; put other records right with a new entry")
            }
            marks.append(m)
        }
        let what = marks.count == 1 ? "\(marks[0].upn) \(marks[0].session)" : "\(marks.count) marks"
        let undo = Transaction(marks.map { .mark(MarkChange(upn: $0.upn, session: $0.session, mark: $0.previous)) },
                               reason: "undo of the last change (\(what))", origin: .undo)
        return try commit(undo, by: actor) { school in
            for m in marks where school.register.mark(for: m.upn, at: m.session) != m.mark {
                throw ChangeRefused(.conflict, "\(m.upn) \(m.session) has been changed since (by another member of staff); it was not undone")
            }
        }
    }

    /// The commit itself; `precondition` runs on the caught-up school under the lock.
    private func commit(_ transaction: Transaction, by actor: StaffMember, precondition: (School) throws -> Void) throws -> Transaction? {
        try commit(transaction, by: actor) { school, t in
            try precondition(school)
            return t
        }
    }

    /// The commit itself; `revise` runs on the caught-up school under the lock (with the years
    /// of `transaction`'s marks loaded) and returns the transaction to record, so what it
    /// decides from the stored marks cannot go stale before the change is written.
    func commit(_ transaction: Transaction, by actor: StaffMember, revise: (School, Transaction) throws -> Transaction) throws -> Transaction? {
        guard isWritable else { throw readOnlyRefusal }
        return try lock.withExclusive { () throws -> Transaction? in
            _ = try catchUp()
            // What the change replaces, and the marks a closure checks, must be in memory
            // before anything is compared or filled in.
            for change in transaction.changes {
                switch change {
                case .mark(let m): try ensureLoaded(m.session.academicYear)
                case .registerClosed(let c): try ensureLoaded(c.session.academicYear)
                default: break
                }
            }
            let transaction = try revise(school, transaction)
            try refuseConflicts(transaction)
            let current = try staffMember(login: actor.login)  // may have been removed by the head meanwhile
            var t = school.completing(transaction, seq: lastSeq + 1, by: current)
            t.changes = t.changes.filter { !isNoChange($0) }
            guard !t.changes.isEmpty else { return nil }
            try school.check(t, by: current, today: today)
            let warned = warnings.count
            Backup.takeDailyIfDue(self)
            // Sensitive words go to their own file first; the journal holds the entry without them.
            let record = JournalRecord(seq: lastSeq + 1, at: now(), by: current, transaction: try sensitive.sealing(t))
            try appendToJournal(record, warnedSince: warned)
            // The change is durable from here on: nothing below may report it as not saved.
            lastSeq = record.seq
            do {
                try reach(.afterJournalAppend)
                try apply(t)
            } catch {
                recoverAfterApplyFailed(error)
            }
            noteAuthor(of: t, name: record.name, at: record.at)
            lastCommitted = t
            if !needsReload && (compactionDue || journal.offset > compactionThreshold || t.changes.count > 1000) {
                do {
                    try compactLocked()
                    compactionDue = false
                } catch {
                    compactionDue = true
                    warn("compaction failed (\(error)); every change is saved in the journal, and compaction will be tried again at the next change")
                }
            }
            return t
        }
    }

    var readOnlyRefusal: ChangeRefused {
        ChangeRefused(.notPermitted, "this store is read-only (\(path) cannot be written: a backup copy, a read-only disk, or no write permission); it can be read, but nothing can be changed here")
    }

    /// Appends a record durably. Not saved (a full disk): says so, with anything else that
    /// went wrong on the way (the daily backup), and the journal is left as it was.
    private func appendToJournal(_ record: JournalRecord, warnedSince warned: Int) throws {
        do {
            try journal.append(try record.line())
        } catch let error as StoreError {
            throw StoreError(file: error.file, ([error.message] + warnings[warned...]).joined(separator: "; also, "))
        }
    }

    /// A durable change could not be applied in memory: re-read the store from disk (which
    /// holds the change). If even that fails, say so and re-read before the next use.
    private func recoverAfterApplyFailed(_ error: Error) {
        do {
            try reload(from: try JSONFile.decode(Snapshot.Manifest.self, at: file(Snapshot.manifestName)))
        } catch {
            needsReload = true
            warn("a change was saved but could not be shown (\(error)); the store will be read again from disk before the next change")
        }
    }

    /// Refuses a mark whose register cell no longer holds what the screen showed.
    private func refuseConflicts(_ t: Transaction) throws(ChangeRefused) {
        for case .mark(let m) in t.changes {
            guard let shown = m.shown else { continue }
            let now = school.register.mark(for: m.upn, at: m.session)
            guard now != shown.mark else { continue }
            let author = markAuthors[MarkKey(upn: m.upn, ordinal: m.session.ordinal)] ?? lastAuthorInAuditTrail(of: m)
            let by = author.map { "by \($0.name)" + (Timestamp.localClock($0.at, timeZone: school.settings.timeZone).map { " at \($0)" } ?? "") } ?? "by another member of staff"
            let symbol = { (mark: Mark?) in mark?.code.symbol ?? "no mark" }
            var refusal = ChangeRefused(.conflict, "\(m.upn) \(m.session) was changed \(by) from \(symbol(shown.mark)) to \(symbol(now)); look again before changing it")
            refusal.conflict = MarkConflict(upn: m.upn, session: m.session, now: now, byName: author?.name ?? "another member of staff", at: author?.at ?? "")
            throw refusal
        }
    }

    /// Who last changed a mark, from the audit trail (only on a conflict, which is rare:
    /// this process may not have seen that change, e.g. it was compacted before it opened).
    private func lastAuthorInAuditTrail(of m: MarkChange) -> MarkAuthor? {
        let read = AuditTrailReader.read(store: path, journal: journal.path)
        for (record, change) in read.changes.reversed() {
            if case .mark(let c) = change, c.upn == m.upn, c.session == m.session { return MarkAuthor(name: record.name, at: record.at) }
        }
        return nil
    }

    private func isNoChange(_ change: Change) -> Bool {
        switch change {
        case .mark(let m): return m.previous == m.mark
        case .pupil(let p): return school.pupils[p.upn] == p
        case .calendar(let c): return school.calendar == c
        case .staff(let s): return school.staff[s.login] == s
        case .staffRemoved(let login): return school.staff[login] == nil
        case .policy(let p): return school.casework.policy == p
        case .settings(let s): return school.settings == s
        case .registerClosed(let c): return school.isClosed(group: c.group, session: c.session)
        default: return false
        }
    }

    // MARK: Compaction

    /// Writes a new snapshot, moves the journal into the audit archive and empties it.
    public func compact() throws {
        guard isWritable else { throw ChangeRefused(.notPermitted, "this store is read-only (\(path) cannot be written); it cannot be compacted") }
        try lock.withExclusive {
            _ = try catchUp()
            try compactLocked()
            compactionDue = false
        }
    }

    private func compactLocked() throws {
        let after = max(manifest.archivedSeq, archivedThrough)
        let archived = try AuditArchive.append(journalAt: journal.path, after: after, through: lastSeq, store: path)
        archivedThrough = archived
        try reach(.afterArchiveAppend)
        let ref = try SnapshotIO.write(school, seq: lastSeq, generation: manifest.snapshot.generation + 1, store: path,
                                       previous: manifest.snapshot, changedYears: changedYears,
                                       contacts: .init(loaded: loadedContactYears, changed: changedContactYears), sharing: manifest.sharing)
        let next = Snapshot.Manifest(schemaVersion: Snapshot.schemaVersion, snapshot: ref, archivedSeq: max(archived, manifest.archivedSeq),
                                     sharing: manifest.sharing)
        try reach(.beforeManifestSwitch)
        try Store.writeManifest(next, store: path)
        manifestIdentity = FileIdentity(path: file(Snapshot.manifestName))
        try reach(.beforeJournalEmpty)
        // Every journal line is now in the snapshot and the archive.
        try SafeFile.replace(journal.path, with: Data())
        journal.rewind()
        let old = manifest.snapshot.generation
        manifest = next
        changedYears = []
        changedContactYears = []
        // Keep one generation back, for a reader that opened just before the switch.
        if old > 1 { try? FileManager.default.removeItem(atPath: file(Snapshot.generationName(old - 1))) }
    }
}

/// Enough of a file's `stat` to tell that it was replaced or rewritten.
struct FileIdentity: Equatable {
    var inode: UInt64
    var size: Int
    var modified: timespec

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        modified = st.st_mtim
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}

// MARK: Many marks at once

extension Store {
    /// `commit` for a transaction of marks only, held as columns: an import of a year of
    /// marks is 600,000 of them, which as `Change`s would be copied several times over (read,
    /// completed, checked, journalled). The same steps in the same order, under the lock:
    /// catch up, `revise` (which may change the marks and the reason), complete, check each
    /// mark with the domain's rules, append the journal line, apply, compact. Returns the
    /// marks as recorded, each with the mark it replaced; nil when nothing changed.
    func commitMarks(_ marks: MarkColumns, reason: String?, origin: Transaction.Origin, by actor: StaffMember,
                     revise: (School, inout MarkColumns, inout String?) throws -> Void) throws -> MarkColumns? {
        guard isWritable else { throw readOnlyRefusal }
        return try lock.withExclusive { () throws -> MarkColumns? in
            _ = try catchUp()
            let years = marks.academicYears
            for year in years { try ensureLoaded(year) }
            var marks = marks, reason = reason
            try revise(school, &marks, &reason)
            let current = try staffMember(login: actor.login)  // may have been removed by the head meanwhile
            let done = marks.completed(from: school.register)
            guard done.count > 0 else { return nil }
            // One copy of the school for the checks, not one per mark.
            let school = self.school, hasReason = School.hasReason(reason), today = today
            for i in 0..<done.count { try school.check(done[i], by: current, today: today, hasReason: hasReason, origin: origin) }
            let warned = warnings.count
            Backup.takeDailyIfDue(self)
            let groups = done.byPupilAndYear()
            let record = JournalRecord(seq: lastSeq + 1, at: now(), by: current, reason: reason, origin: origin, marks: MarkBatch.make(done, groups: groups))
            try appendToJournal(record, warnedSince: warned)
            // The change is durable from here on: nothing below may report it as not saved.
            lastSeq = record.seq
            do {
                try reach(.afterJournalAppend)
                for group in groups {
                    self.school.applyMarks(group.marks.map { ($0.slot, done.mark($0.index)) }, for: done.upns[Int(group.pupil)], in: group.year)
                    changedYears.insert(group.year)
                }
            } catch {
                recoverAfterApplyFailed(error)
            }
            // As `noteAuthor`: a big import is not worth remembering mark by mark.
            if done.count <= 1000 {
                for i in 0..<done.count { markAuthors[MarkKey(upn: done.upn(i), ordinal: done.session(i).ordinal)] = MarkAuthor(name: record.name, at: record.at) }
            } else if !markAuthors.isEmpty {
                for i in 0..<done.count { markAuthors[MarkKey(upn: done.upn(i), ordinal: done.session(i).ordinal)] = nil }
            }
            lastCommitted = nil
            lastMarks = (done, reason, origin)
            if !needsReload && (compactionDue || journal.offset > compactionThreshold || done.count > 1000) {
                do {
                    try compactLocked()
                    compactionDue = false
                } catch {
                    compactionDue = true
                    warn("compaction failed (\(error)); every change is saved in the journal, and compaction will be tried again at the next change")
                }
            }
            return done
        }
    }
}
