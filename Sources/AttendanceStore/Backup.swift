import Attendance
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Dated, verified copies of a store: on request (`rollcall backup`) and once a day before
/// the first change, keeping the last 14 daily copies.
public enum Backup {
    public static let dailyKept = 14

    static func stamp(_ date: Date) -> String { Timestamp.compact(date) }

    /// Writes a copy of the store (under a shared lock, so no write is half in it), checks
    /// every file against the original and that the copy opens, and returns its path.
    /// Whether a backup holds the words of sensitive entries (see `Marker.sensitiveComplete`).
    public static func holdsSensitiveWords(_ backup: String) -> Bool {
        guard let marker = try? JSONDecoder().decode(Marker.self, from: SafeFile.read("\(backup)/\(markerName)")) else { return true }
        return marker.sensitiveComplete != false
    }

    public static func make(_ store: Store, to destination: String? = nil) throws -> String {
        try store.lock.withShared {
            // The newest snapshot: another process's compactions may have deleted the one
            // this process opened.
            _ = try store.catchUp()
            let target = destination ?? "\(store.path)/\(Snapshot.backupsDirectory)/rollcall-\(stamp(store.now()))"
            return try copyAndVerify(store, to: target)
        }
    }

    /// `daily-YYYY-MM-DD`, and nothing else (not a `.tmp` copy being written, nor one set aside).
    static func isDailyName(_ name: String) -> Bool {
        name.hasPrefix("daily-") && name.count == 16 && SchoolDate(String(name.dropFirst(6))) != nil
    }

    /// The daily backups in a store, oldest first.
    public static func dailyBackups(store: String) -> [String] {
        let dir = "\(store)/\(Snapshot.backupsDirectory)"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter(isDailyName).sorted()
    }

    /// Called by `Store.commit` with the exclusive lock held, before the change is written.
    /// Only a verified copy counts as the day's backup; one that cannot be made is a warning
    /// (the change still goes ahead) and is tried again at the next change.
    static func takeDailyIfDue(_ store: Store) {
        let today = "daily-" + Timestamp.day(store.now())
        guard store.dailyBackupSeen != today else { return }  // one directory listing a day, not one a write
        let dir = "\(store.path)/\(Snapshot.backupsDirectory)"
        let target = "\(dir)/\(today)"
        do {
            if SafeFile.exists(target) {
                if (try? verify(target, full: false)) != nil {
                    try completeSensitive(store, backup: target)
                    store.dailyBackupSeen = today
                    return
                }
                // Today's name, but not a copy that opens (left by an older Rollcall, or
                // damaged): set aside for inspection, and take the day's backup again.
                let aside = "\(target).damaged-\(stamp(store.now()))"
                guard rename(target, aside) == 0 else { throw StoreError(file: target, "cannot be set aside (\(SafeFile.errnoText()))") }
            }
            _ = try copyAndVerify(store, to: target)
            store.dailyBackupSeen = today
            for old in dailyBackups(store: store.path).dropLast(dailyKept) { try? FileManager.default.removeItem(atPath: "\(dir)/\(old)") }
        } catch {
            store.warn("the daily backup \(today) could not be made (\(error)); changes are still saved, and the backup will be tried again at the next change")
        }
    }

    /// Opens a backup as a store (every snapshot file when `full`, and its audit trail).
    static func verify(_ path: String, full: Bool) throws {
        let copy = try Store.open(at: path)
        guard full else { return }
        try copy.loadAllYears()
        try copy.loadContacts()
        _ = try AuditArchive.records(store: path, journal: copy.journal.path)
    }

    /// Written into each copy: which transaction it holds up to, so `rollcall check` on a
    /// copy knows no daily backup of its own is due.
    struct Marker: Codable {
        var schemaVersion: Int
        var seq: Int
        var at: String
        /// Whether the words of sensitive entries are in the copy: only a login in the DSL
        /// group can copy them, so a backup taken by anyone else lacks them until the next
        /// change by a member of that group completes it (nil: taken before they were kept apart).
        var sensitiveComplete: Bool?
        var takenBy: String?
    }
    static let markerName = "backup.json"

    /// Copies into `TARGET.tmp`, verifies the copy, and only then renames it to `target`: a
    /// backup under its final name is always a complete, verified one.
    private static func copyAndVerify(_ store: Store, to target: String) throws -> String {
        guard !SafeFile.exists(target) else { throw StoreError(file: target, "already exists; choose another place for the backup") }
        let temp = target + ".tmp"
        try? FileManager.default.removeItem(atPath: temp)  // left by an interrupted backup
        let copied: String
        do {
            // A copy anywhere (another disk, a USB stick) keeps the store's sharing: made as
            // a shared store's directory first, everything copied into it inherits the group.
            if store.sharing != nil && !SafeFile.exists(temp) { try SharedDirectories.prepare(store: temp, sharing: store.sharing) }
            copied = try copy(store: store.path, to: temp, generation: store.manifest.snapshot.generation)
            try store.reach(.duringBackupCopy)
            let complete = try copySensitive(store: store, to: copied)
            let marker = Marker(schemaVersion: Snapshot.schemaVersion, seq: store.lastSeq, at: Timestamp.iso(store.now()),
                                sensitiveComplete: complete, takenBy: currentLogin())
            try SafeFile.writeNew("\(copied)/\(markerName)", try JSONEncoder().encode(marker))
            try SafeFile.syncDirectory(copied)
        } catch {
            // A full disk or a fault part-way: no partial copy is left behind.
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        let reopened = try Store.open(at: copied)
        try reopened.loadAllYears()
        guard reopened.lastSeq == store.lastSeq, reopened.school.pupils.count == store.school.pupils.count else {
            throw StoreError(file: copied, "the backup does not read back the same as the store; it is left for inspection")
        }
        guard rename(copied, target) == 0 else { throw StoreError(file: target, "cannot be put in place (\(SafeFile.errnoText()))") }
        try SafeFile.syncDirectory((target as NSString).deletingLastPathComponent)
        return target
    }

    /// Copies the files that make up the store (not its backups), fsyncing each and checking
    /// each copy's bytes against the original. `generation` nil copies every file.
    static func copy(store: String, to target: String, generation: Int?) throws -> String {
        let fm = FileManager.default
        var files: [String] = []
        if let generation {
            files = [Snapshot.manifestName, Snapshot.journalName]
            let gen = Snapshot.generationName(generation)
            let genFiles = (fm.enumerator(atPath: "\(store)/\(gen)")?.allObjects as? [String]) ?? []
            files += genFiles.map { "\(gen)/\($0)" }
            let audit = (try? fm.contentsOfDirectory(atPath: "\(store)/\(Snapshot.auditDirectory)")) ?? []
            files += audit.map { "\(Snapshot.auditDirectory)/\($0)" }
        } else {
            let all = (fm.enumerator(atPath: store)?.allObjects as? [String]) ?? []
            files = all.filter { !$0.hasPrefix(Snapshot.backupsDirectory) && !$0.hasPrefix(Snapshot.sensitiveDirectory) && $0 != "lock" }
        }
        try SafeFile.makeDirectories(target)
        var dirs: Set<String> = [target]
        for name in files.sorted() {
            let source = "\(store)/\(name)"
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                try SafeFile.makeDirectories("\(target)/\(name)")
                dirs.insert("\(target)/\(name)")
                continue
            }
            let data = try SafeFile.read(source)
            let dest = "\(target)/\(name)"
            try SafeFile.makeDirectories((dest as NSString).deletingLastPathComponent)
            try SafeFile.writeNew(dest, data)
            guard CRC32.checksum(try SafeFile.read(dest)) == CRC32.checksum(data) else {
                throw StoreError(file: dest, "the copy does not match the original")
            }
            dirs.insert((dest as NSString).deletingLastPathComponent)
        }
        for d in dirs { try SafeFile.syncDirectory(d) }
        return target
    }

    // MARK: Sensitive words

    /// Copies `sensitive/` into the backup with its group and mode, if this login can list
    /// it (a member of the DSL group); returns whether the copy is complete.
    static func copySensitive(store: Store, to target: String) throws -> Bool {
        let source = store.sensitive
        guard let names = source.listable() else { return false }
        let dir = "\(target)/\(Snapshot.sensitiveDirectory)"
        try SharedDirectories.makeSensitiveDirectory(dir, sharing: store.sharing)
        for name in names where !SafeFile.exists("\(dir)/\(name)") {
            let data = try SafeFile.read("\(source.directory)/\(name)")
            try SafeFile.writeNew("\(dir)/\(name)", data)
        }
        try SafeFile.syncDirectory(dir)
        return true
    }

    /// Today's backup was taken by a login that could not copy the sensitive words: a
    /// member of the DSL group completes it at their next change.
    static func completeSensitive(_ store: Store, backup: String) throws {
        let markerPath = "\(backup)/\(markerName)"
        guard var marker = try? JSONDecoder().decode(Marker.self, from: SafeFile.read(markerPath)),
              marker.sensitiveComplete == false, store.sensitive.listable() != nil else { return }
        guard try copySensitive(store: store, to: backup) else { return }
        marker.sensitiveComplete = true
        try SafeFile.replace(markerPath, with: try JSONEncoder().encode(marker))
    }

    private static func currentLogin() -> String {
        guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return "\(geteuid())" }
        return String(cString: name)
    }
}
