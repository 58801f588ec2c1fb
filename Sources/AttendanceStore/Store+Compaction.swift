import Attendance
import Foundation

extension Store {
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

    func compactLocked() throws {
        let after = max(manifest.archivedSeq, archivedThrough)
        let archived = try AuditArchive.append(journalAt: journal.path, after: after, through: lastSeq, store: path)
        archivedThrough = archived
        try reach(.afterArchiveAppend)
        let ref = try SnapshotIO.write(school, seq: lastSeq, generation: manifest.snapshot.generation + 1, store: path,
                                       previous: manifest.snapshot, changedYears: changedYears,
                                       contacts: .init(loaded: loadedContactYears, changed: changedContactYears), sharing: manifest.sharing)
        let next = Snapshot.Manifest(schemaVersion: Snapshot.schemaVersion, snapshot: ref, archivedSeq: max(archived, manifest.archivedSeq),
                                     sharing: manifest.sharing, chainTip: chainTip())
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
