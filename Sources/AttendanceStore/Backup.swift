import Attendance
import Foundation

/// Dated, verified copies of a store: on request (`rollcall backup`) and once a day before
/// the first change, keeping the last 14 daily copies.
public enum Backup {
    public static let dailyKept = 14

    static func stamp(_ date: Date) -> String { Timestamp.compact(date) }

    /// Writes a copy of the store (under a shared lock, so no write is half in it), checks
    /// every file against the original and that the copy opens, and returns its path.
    public static func make(_ store: Store, to destination: String? = nil) throws -> String {
        try store.lock.withShared {
            let target = destination ?? "\(store.path)/\(Snapshot.backupsDirectory)/rollcall-\(stamp(store.now()))"
            return try copyAndVerify(store, to: target)
        }
    }

    /// Called by `Store.commit` with the exclusive lock held.
    static func takeDailyIfDue(_ store: Store) throws {
        let today = "daily-" + Timestamp.day(store.now())
        guard store.dailyBackupSeen != today else { return }  // one directory listing a day, not one a write
        let dir = "\(store.path)/\(Snapshot.backupsDirectory)"
        defer { store.dailyBackupSeen = today }
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("daily-") }.sorted()
        guard !existing.contains(today) else { return }
        _ = try copyAndVerify(store, to: "\(dir)/\(today)")
        for old in (existing + [today]).sorted().dropLast(dailyKept) { try? FileManager.default.removeItem(atPath: "\(dir)/\(old)") }
    }

    private static func copyAndVerify(_ store: Store, to target: String) throws -> String {
        guard !SafeFile.exists(target) else { throw StoreError(file: target, "already exists; choose another place for the backup") }
        let copied = try copy(store: store.path, to: target, generation: store.manifest.snapshot.generation)
        let reopened = try Store.open(at: copied)
        try reopened.loadAllYears()
        guard reopened.lastSeq == store.lastSeq, reopened.school.pupils.count == store.school.pupils.count else {
            throw StoreError(file: copied, "the backup does not read back the same as the store; it is left for inspection")
        }
        return copied
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
            files = all.filter { !$0.hasPrefix(Snapshot.backupsDirectory) && $0 != "lock" }
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
}
