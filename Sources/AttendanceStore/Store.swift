import Attendance
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A school's records on disk: a snapshot generation plus the journal of transactions since.
/// Several processes may hold the same store open; each write locks, catches up on what the
/// others wrote, checks the change against the current state and appends one fsync'd line.
public final class Store: SchoolStore {
    public let path: String
    public internal(set) var school: School
    /// Things worth telling the user that did not stop the store opening.
    public internal(set) var warnings: [String] = []
    /// The sequence number of the last transaction applied.
    public internal(set) var lastSeq: Int
    /// The process's one clock (see `Clock`): the school's moment for every rule, the real
    /// instant for the audit trail. Injected, so commands, the app and tests can fix it.
    public var clock = Clock.system
    /// The real instant (the audit trail's time); a shorthand for `clock.instant`.
    public var now: () -> Date {
        get { clock.instant }
        set { clock.instant = newValue }
    }
    /// The daily backup this process knows exists ("daily-YYYY-MM-DD").
    var dailyBackupSeen: String?
    /// Compact once the journal grows past this many bytes.
    public var compactionThreshold = 4 << 20
    /// Tests only: called at each `FaultPoint`; throwing there simulates a failure.
    var faultHook: ((FaultPoint) throws -> Void)?
    /// A compaction after a change failed: it is tried again at the next change.
    public internal(set) var compactionDue = false
    /// A change was made durable but could not be applied in memory, nor the store re-read:
    /// it is re-read from disk before anything else is done with it.
    var needsReload = false
    /// The last seq this process copied into `audit/` (a compaction may fail after copying).
    var archivedThrough = 0
    /// The manifest as this process last read or wrote it: a compaction by another process
    /// replaces it (the journal's inode alone can be reused after two compactions).
    var manifestIdentity: FileIdentity?

    let lock: StoreLock
    let journal: JournalFile
    var manifest: Snapshot.Manifest
    /// Marks years changed since the snapshot was written (the rest are hard-linked).
    var changedYears: Set<AcademicYear> = []
    /// Years of marks read into memory. Opening reads the two newest (all the first screens
    /// and the 10-school-week window need); older years are read when asked for, and always
    /// before a change to them is applied.
    var loadedYears: Set<AcademicYear> = []
    /// Years of the contact log read into memory: none at open (no first screen needs the
    /// whole log); read by year when asked for, and before a contact in that year is added.
    var loadedContactYears: Set<AcademicYear> = []
    var changedContactYears: Set<AcademicYear> = []
    /// Days whose entries alone were read from a year not in `loadedContactYears`
    /// (`loadContacts(on:)`): read again if the store is re-read.
    var loadedContactDays: Set<SchoolDate> = []
    /// Who last changed each mark, as far as this process has seen (journal lines read or
    /// written since it opened), to say who a conflicting change was by.
    var markAuthors: [MarkKey: MarkAuthor] = [:]
    struct MarkKey: Hashable { var upn: String; var ordinal: Int }
    struct MarkAuthor { var name: String; var at: String }

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

    init(path: String, school: School, manifest: Snapshot.Manifest, lock: StoreLock) {
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
        return try makeNew(at: path, school: school, sharing: sharing)
    }

    /// A new store's directories, lock, first snapshot (of `school`), manifest and empty
    /// journal, and the store open on them; `then` runs while the new store is still locked
    /// (`createMoved` writes its journal there). Callers have checked `path` holds no store.
    static func makeNew(at path: String, school: School, sharing: StoreSharing?,
                        then: (Store) throws -> Void = { _ in }) throws -> Store {
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
            try then(store)
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
    /// layout is refused, saying to run `rollcall migrate` (see `migrate`): opening never
    /// changes a layout, so no read-only command can make anyone head.
    /// `clock` is the process's clock (see `Clock`), injected so commands and tests can fix it.
    public static func open(at path: String, now: @escaping () -> Date) throws -> Store {
        try open(at: path, clock: Clock(instant: now))
    }

    public static func open(at path: String, clock: Clock = .system) throws -> Store {
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        if let problem = StoreLocation.notADirectory(path) { throw StoreError(file: path, problem) }
        guard SafeFile.exists(manifestPath) else {
            // A directory this login may not enter is not "not a store": say whose it is.
            if SafeFile.exists(path), access(path, R_OK | X_OK) != 0 { throw SafeFile.accessDenied(path) }
            throw StoreError(file: path, "is not a Rollcall store (no \(Snapshot.manifestName)); create one with `rollcall init --store \(path) --school NAME`")
        }
        let probe = try JSONFile.decode(Snapshot.VersionProbe.self, at: manifestPath)
        try JSONFile.checkVersion(probe.schemaVersion, file: manifestPath)
        if probe.schemaVersion < Snapshot.schemaVersion {
            throw StoreError(file: manifestPath, "is in an older layout (schemaVersion \(probe.schemaVersion)); the login that owns the store migrates it with `rollcall migrate --store \(path)` (it is backed up first); nothing was changed")
        }
        let lock = try StoreLock(directory: path)  // not before: an old layout is left exactly as it was
        let store = try lock.withShared { () throws -> Store in
            let manifest = try JSONFile.decode(Snapshot.Manifest.self, at: manifestPath)
            // An empty journal is normal; a missing one may mean lost changes.
            guard SafeFile.exists("\(path)/\(Snapshot.journalName)") else {
                throw StoreError(file: "\(path)/\(Snapshot.journalName)", "is missing: changes since the last snapshot may have been lost. Restore the store from a backup in \(path)/\(Snapshot.backupsDirectory) (nothing was changed)")
            }
            let newest = Set(SnapshotIO.years(in: manifest.snapshot).suffix(2))
            let school = try SnapshotIO.read(manifest.snapshot, store: path, loadYear: newest.contains)
            let store = Store(path: path, school: school, manifest: manifest, lock: lock)
            store.clock = clock
            store.manifestIdentity = FileIdentity(path: manifestPath)
            store.loadedYears = newest
            try store.readJournal()
            return store
        }
        store.warnings += Permissions.warnings(store: path, sharing: store.sharing)
        if let sharing = store.sharing { store.warnings.insert(sharing.warning(store: path), at: 0) }  // first: the app shows the first
        return store
    }

    /// Migrates a store in an older layout forward, after a backup, with `head` as its first
    /// member of staff (the head and DSL). Only the login that owns the store's directory may:
    /// becoming head is not something any login that can read the store may do by opening it.
    /// Returns what was done (nil: already in the current layout).
    public static func migrate(at path: String, as head: StaffMember, now: @escaping () -> Date = Date.init) throws -> String? {
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        guard SafeFile.exists(manifestPath) else { throw StoreError(file: path, "is not a Rollcall store (no \(Snapshot.manifestName))") }
        let probe = try JSONFile.decode(Snapshot.VersionProbe.self, at: manifestPath)
        try JSONFile.checkVersion(probe.schemaVersion, file: manifestPath)
        guard probe.schemaVersion < Snapshot.schemaVersion else { return nil }
        var st = stat()
        guard stat(path, &st) == 0 else { throw StoreError(file: path, "cannot be read (\(SafeFile.errnoText()))") }
        guard st.st_uid == geteuid() else {
            let owner = getpwuid(st.st_uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(st.st_uid)"
            throw StoreError(file: path, "only the login that owns the store may migrate it, and \(owner) owns it: run `rollcall migrate` as \(owner); nothing was changed")
        }
        let lock = try StoreLock(directory: path)
        return try lock.withExclusive { try Migration.migrate(store: path, from: probe.schemaVersion, head: head, now: now()) }
    }

    /// Applies the journal lines this process has not seen. Returns true if any were new.
    @discardableResult
    func readJournal() throws -> Bool {
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

    func noteAuthor(of t: Transaction, name: String, at: String) {
        let marks = t.changes.lazy.compactMap { if case .mark(let m) = $0 { return MarkKey(upn: m.upn, ordinal: m.session.ordinal) } else { return nil } }
        // A big import is not worth remembering mark by mark: forget, rather than misname.
        if t.changes.count > 1000 {
            if !markAuthors.isEmpty { for key in marks { markAuthors[key] = nil } }
        } else {
            for key in marks { markAuthors[key] = MarkAuthor(name: name, at: at) }
        }
    }

    func apply(_ t: Transaction) throws {
        let t = sensitive.filling(t)
        for case .mark(let m) in t.changes { try ensureLoaded(m.session.academicYear) }
        for case .contact(let e) in t.changes { try ensureContactsLoaded(AcademicYear(containing: e.on)) }
        school.apply(t)
        for case .mark(let m) in t.changes { changedYears.insert(m.session.academicYear) }
        for case .contact(let e) in t.changes { changedContactYears.insert(AcademicYear(containing: e.on)) }
    }

    func ensureContactsLoaded(_ year: AcademicYear) throws {
        guard !loadedContactYears.contains(year) else { return }
        if manifest.snapshot.files[Snapshot.contactsName(year)] != nil {
            try SnapshotIO.readContacts(year, from: manifest.snapshot, store: path, into: &school.casework)
        }
        loadedContactYears.insert(year)
    }

    /// Reads the contact log: every year, or the years from `from` on.
    public func loadContacts(from: SchoolDate?) throws {
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

    /// Reads only the contact log's entries of `date`, for what counts a day's calls and
    /// visits (the trust view reads 50 schools): the school's log then holds that day and
    /// any year already read, not the rest of the year. A change to a contact still reads
    /// its whole year first, as always.
    public func loadContacts(on date: SchoolDate) throws {
        let year = AcademicYear(containing: date)
        guard !loadedContactYears.contains(year), !loadedContactDays.contains(date) else { return }
        try lock.withShared {
            _ = try catchUp()
            try ensureContactsLoaded(on: date)
        }
    }

    func ensureContactsLoaded(on date: SchoolDate) throws {
        let year = AcademicYear(containing: date)
        guard !loadedContactYears.contains(year), !loadedContactDays.contains(date) else { return }
        if manifest.snapshot.files[Snapshot.contactsName(year)] != nil {
            try SnapshotIO.readContacts(year, from: manifest.snapshot, store: path, on: date, into: &school.casework)
        }
        loadedContactDays.insert(date)
    }

    /// With a lock held and caught up: reads a year of marks from the snapshot if needed.
    func ensureLoaded(_ year: AcademicYear) throws {
        guard !loadedYears.contains(year) else { return }
        if manifest.snapshot.files[Snapshot.marksName(year)] != nil {
            try SnapshotIO.readYear(year, from: manifest.snapshot, store: path, into: &school.register)
        }
        loadedYears.insert(year)
    }

    public func loadYears(where wanted: (AcademicYear) -> Bool) throws {
        guard unloadedYears.contains(where: wanted) else { return }
        try lock.withShared {
            _ = try catchUp()
            for year in unloadedYears where wanted(year) { try ensureLoaded(year) }
        }
    }

    // MARK: Others' changes

    public var address: StoreAddress { .directory(path) }

    public func hasChanges() -> Bool { hasChangesOnDisk() }

    /// True if another process has written since this one last looked: a `stat` of the
    /// journal and one of the manifest.
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
    func reload(from latest: Snapshot.Manifest) throws {
        let identity = FileIdentity(path: file(Snapshot.manifestName))
        let wanted = loadedYears.union(SnapshotIO.years(in: latest.snapshot).suffix(2))
        school = try SnapshotIO.read(latest.snapshot, store: path, loadYear: wanted.contains)
        loadedYears = wanted
        lastSeq = latest.snapshot.seq
        changedYears = []
        let contactYears = loadedContactYears, contactDays = loadedContactDays
        loadedContactYears = []
        loadedContactDays = []
        changedContactYears = []
        manifest = latest
        manifestIdentity = identity
        for year in contactYears { try ensureContactsLoaded(year) }
        for day in contactDays { try ensureContactsLoaded(on: day) }
        journal.rewind()
        _ = try readJournal()
    }

    /// The last transaction this process recorded, for `undoLast`.
    public internal(set) var lastCommitted: Transaction? {
        get { lastMarks.map { Transaction($0.marks.changes.map(Change.mark), reason: $0.reason, origin: $0.origin) } ?? lastTransaction }
        set { lastTransaction = newValue; lastMarks = nil }
    }

    var lastTransaction: Transaction?

    /// An import's marks, kept as columns until asked for (see `commitMarks`).
    var lastMarks: (marks: MarkColumns, reason: String?, origin: Transaction.Origin)?
}
