import Attendance
import Foundation

/// Moves a store written in an older layout to the current one, after a backup.
enum Migration {
    /// Layout 1 (the first releases): rollcall.json with the school's name, pupils.json,
    /// calendar.json and marks/YYYY-YY.json side by side, no journal and no staff.
    struct ManifestV1: Codable {
        var schemaVersion: Int
        var school: SchoolInfo
        struct SchoolInfo: Codable { var name: String }
    }

    struct CalendarV1: Codable {
        var schemaVersion: Int
        var calendar: SchoolCalendar
    }

    /// Returns what to tell the user (the store never writes to the screen itself). Every
    /// error stops it before the new manifest is written, so the old layout stays as it was.
    static func migrate(store: String, from version: Int, head: StaffMember, now: Date = Date()) throws -> String {
        guard version == 1 else { throw StoreError(file: "\(store)/\(Snapshot.manifestName)", "schemaVersion \(version) is not a layout this Rollcall can migrate") }
        let backup = try Backup.copy(store: store, to: "\(store)/\(Snapshot.backupsDirectory)/pre-migration-v1-\(Backup.stamp(now))", generation: nil)
        let manifest = try JSONFile.decode(ManifestV1.self, at: "\(store)/\(Snapshot.manifestName)")
        var school = School(name: manifest.school.name)
        school.staff[head.login] = StaffMember(login: head.login, name: head.name, role: .head, isDSL: true)
        let pupils = try JSONFile.decode(Snapshot.Pupils.self, at: "\(store)/\(Snapshot.pupilsName)")
        for p in pupils.pupils { school.upsert(p) }
        let calendarPath = "\(store)/calendar.json"
        if SafeFile.exists(calendarPath) {
            school.calendar = try JSONFile.decode(CalendarV1.self, at: calendarPath).calendar
        }
        let marksDir = "\(store)/\(Snapshot.marksDirectory)"
        var names: [String] = []
        if SafeFile.exists(marksDir) {
            do { names = try FileManager.default.contentsOfDirectory(atPath: marksDir).filter { $0.hasSuffix(".json") }.sorted() } catch {
                throw StoreError(file: marksDir, "cannot be listed, so its marks cannot be migrated; nothing was changed (the store is still in layout 1)")
            }
        }
        for name in names {
            let doc = try JSONFile.decode(Snapshot.MarksYear.self, at: "\(marksDir)/\(name)")
            try SnapshotIO.loadMarks(doc, file: "\(marksDir)/\(name)", into: &school.register)
        }
        let ref = try SnapshotIO.write(school, seq: 0, generation: 1, store: store, previous: nil, changedYears: nil)
        if !SafeFile.exists("\(store)/\(Snapshot.journalName)") {
            try SafeFile.replace("\(store)/\(Snapshot.journalName)", with: Data())
        }
        try Store.writeManifest(Snapshot.Manifest(schemaVersion: Snapshot.schemaVersion, snapshot: ref, archivedSeq: 0), store: store)
        // The old files are in the backup; the new snapshot has everything they held. The store
        // is migrated now, so a file that cannot be removed is said, not an error.
        var leftOver: [String] = []
        for old in ["\(store)/\(Snapshot.pupilsName)", "\(store)/calendar.json", marksDir] where SafeFile.exists(old) {
            do { try FileManager.default.removeItem(atPath: old) } catch { leftOver.append(old) }
        }
        return "migrated \(store) to store layout \(Snapshot.schemaVersion); the old files are backed up in \(backup)"
            + (leftOver.isEmpty ? "" : "; these old files could not be removed and are no longer used: \(leftOver.joined(separator: ", "))")
    }
}
