import Attendance
import Foundation

/// What `rollcall check` finds: it reads every file of a store and changes none.
public struct CheckReport {
    public var problems: [String] = []
    public var notes: [String] = []
    public var isHealthy: Bool { problems.isEmpty }

    public static func run(store path: String) -> CheckReport {
        var report = CheckReport()
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        guard SafeFile.exists(manifestPath) else {
            report.problems.append("\(path): not a Rollcall store (no \(Snapshot.manifestName))")
            return report
        }
        do {
            let probe = try JSONFile.decode(Snapshot.VersionProbe.self, at: manifestPath)
            try JSONFile.checkVersion(probe.schemaVersion, file: manifestPath)
            if probe.schemaVersion < Snapshot.schemaVersion {
                report.notes.append("layout \(probe.schemaVersion): it will be backed up and migrated to layout \(Snapshot.schemaVersion) when the head next opens it")
                return report
            }
            let store = try Store.open(at: path)
            try store.loadAllYears()  // every file's checksum and contents, not just the newest
            let s = store.school
            let marks = s.register.markCount
            report.notes.append("\(s.name): \(s.pupils.count) pupils, \(marks) marks, \(s.staff.count) staff")
            report.notes.append("snapshot \(store.manifest.snapshot.generation) holds changes up to \(store.manifest.snapshot.seq); the journal adds \(store.lastSeq - store.manifest.snapshot.seq) more (last \(store.lastSeq))")
            report.notes += store.warnings
            let audit = try AuditArchive.records(store: path, journal: store.journal.path)
            report.notes.append("audit trail: \(audit.count) transactions readable")
            let unknown = s.register.pupils.keys.filter { s.pupils[$0] == nil }
            if !unknown.isEmpty { report.problems.append("marks for \(unknown.count) UPNs with no pupil record: \(unknown.sorted().prefix(5).joined(separator: ", "))") }
        } catch {
            report.problems.append("\(error)")
        }
        report.problems += auditTrailProblems(store: path)
        return report
    }

    /// Every part of the audit trail that history could not show: an unreadable archive
    /// directory or file, a damaged line, a change that does not decode (file and line each).
    static func auditTrailProblems(store path: String) -> [String] {
        AuditTrailReader.read(store: path, journal: "\(path)/\(Snapshot.journalName)").problems.map { "audit trail: \($0)" }
    }
}
