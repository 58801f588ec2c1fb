import Attendance
import Foundation

/// What `rollcall check` finds: it reads every file of a store and changes none.
public struct CheckReport {
    /// Damage: a store with any of these is not opened.
    public var problems: [String] = []
    /// The latest daily backup missing or damaged: the store itself is sound and opens.
    public var backupProblems: [String] = []
    public var notes: [String] = []
    /// Worth the head's attention, but nothing is damaged: a file the store does not know
    /// about, words that belong to no entry. The store opens.
    public var warnings: [String] = []
    public var isHealthy: Bool { problems.isEmpty && backupProblems.isEmpty }
    /// Nothing damaged in the store itself (backups aside): it may be opened.
    public var isOpenable: Bool { problems.isEmpty }

    public static func run(store path: String) -> CheckReport {
        var report = CheckReport()
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        if let problem = StoreLocation.notADirectory(path) {
            report.problems.append("\(path): \(problem)")
            return report
        }
        guard SafeFile.exists(manifestPath) else {
            report.problems.append("\(path): not a Rollcall store (no \(Snapshot.manifestName))")
            return report
        }
        do {
            let probe = try JSONFile.decode(Snapshot.VersionProbe.self, at: manifestPath)
            try JSONFile.checkVersion(probe.schemaVersion, file: manifestPath)
            if probe.schemaVersion < Snapshot.schemaVersion {
                report.notes.append("layout \(probe.schemaVersion): the login that owns the store migrates it to layout \(Snapshot.schemaVersion) with `rollcall migrate` (it is backed up first)")
                return report
            }
            let store = try Store.open(at: path)
            try store.loadAllYears()  // every file's checksum and contents, not just the newest
            let s = store.school
            let marks = s.register.markCount
            report.notes.append("\(s.name): \(s.pupils.count) pupils, \(marks) marks, \(s.staff.count) staff")
            report.notes.append("snapshot \(store.manifest.snapshot.generation) holds changes up to \(store.manifest.snapshot.seq); the journal adds \(store.lastSeq - store.manifest.snapshot.seq) more (last \(store.lastSeq))")
            report.notes += store.warnings
            do {
                let audit = try AuditArchive.records(store: path, journal: store.journal.path)
                report.notes.append("audit trail: \(audit.count) transactions readable")
                report.checkAuditSequence(store, audit: audit)
                report.checkAuditChain(store: path)
                report.checkLatestBackup(store, lastChangeAt: audit.last?.at)
            } catch {
                // Said once: by `auditTrailProblems` below, with its file and line, when it can.
                if auditTrailProblems(store: path).isEmpty { report.problems.append("\(error)") }
            }
            report.checkPermissions(store)
            try store.loadContacts()
            report.checkSensitiveWords(store)
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

extension CheckReport {
    /// The hash chain over the whole trail: the first line whose link does not hold is damage.
    mutating func checkAuditChain(store path: String) {
        let chain = AuditChain.verify(store: path)
        if let broken = chain.brokenLink {
            problems.append("audit trail: the hash chain is broken at \(broken); restore the store from a backup and keep this copy for investigation")
        } else if chain.linked > 0 {
            notes.append("audit trail: hash chain verified over \(chain.linked) of \(chain.transactions) transactions; last line's SHA-256 \(chain.tip ?? "-")")
        }
    }

    /// The audit trail runs 1, 2, 3 … to the last transaction with no gap; `audit/` alone
    /// runs without a gap to at least the manifest's `archivedSeq`, which covers the snapshot.
    mutating func checkAuditSequence(_ store: Store, audit: [JournalRecord]) {
        if let gap = firstGap(audit.map(\.seq), through: store.lastSeq) {
            problems.append("audit trail: transaction \(gap) is missing (it runs to \(store.lastSeq)); restore audit/ from a backup")
        }
        let archivedSeq = store.manifest.archivedSeq
        do {
            let archived = try AuditArchive.archivedSeqs(store: store.path)
            if let gap = firstGap(archived, through: archived.last ?? 0) {
                problems.append("audit/: transaction \(gap) is missing from the archive (it runs to \(archived.last ?? 0)); restore audit/ from a backup")
            }
            if (archived.last ?? 0) < archivedSeq {
                problems.append("audit/ holds transactions up to \(archived.last ?? 0), but the manifest says \(archivedSeq) were archived; restore audit/ from a backup")
            }
        } catch {
            problems.append("\(error)")
        }
        if archivedSeq < store.manifest.snapshot.seq {
            problems.append("the snapshot holds changes up to \(store.manifest.snapshot.seq) but only \(archivedSeq) were archived")
        }
    }

    /// The first number of 1…`through` that `seqs` (sorted) lacks.
    private func firstGap(_ seqs: [Int], through: Int) -> Int? {
        var expected = 1
        for seq in seqs where seq <= through {
            if seq != expected { return expected }
            expected += 1
        }
        return expected <= through ? expected : nil
    }

    /// The newest daily backup opens and reads (every file), and the day of the latest
    /// change has one (it is taken before the first change of each day).
    mutating func checkLatestBackup(_ store: Store, lastChangeAt: String?) {
        let dailies = Backup.dailyBackups(store: store.path)
        let dir = "\(store.path)/\(Snapshot.backupsDirectory)"
        if let latest = dailies.last {
            do {
                try Backup.verify("\(dir)/\(latest)", full: true)
                notes.append("latest daily backup: \(Snapshot.backupsDirectory)/\(latest), verified")
                if let marker = try? JSONDecoder().decode(Backup.Marker.self, from: SafeFile.read("\(dir)/\(latest)/\(Backup.markerName)")),
                   marker.sensitiveComplete == false {
                    backupProblems.append("the latest daily backup, \(Snapshot.backupsDirectory)/\(latest), is incomplete: it was taken by \(marker.takenBy ?? "a login") outside the DSL group, who cannot copy the words of sensitive entries; the next change by a member of the DSL group completes it, or they can run `rollcall backup`")
                }
            } catch {
                backupProblems.append("the latest daily backup, \(Snapshot.backupsDirectory)/\(latest), is damaged: \(error); run `rollcall backup` for a good copy now")
            }
        }
        // A backup copy (its marker holds the last transaction) has none of its own due.
        if let marker = try? JSONDecoder().decode(Backup.Marker.self, from: SafeFile.read("\(store.path)/\(Backup.markerName)")),
           marker.seq == store.lastSeq {
            notes.append("this is a backup taken at \(marker.at); no daily backup of its own is due")
            if marker.sensitiveComplete == false {
                backupProblems.append("this backup has no copy of the words of sensitive entries: it was taken by \(marker.takenBy ?? "a login") outside the DSL group; a member of the DSL group should take one (`rollcall backup --to …`)")
            }
            return
        }
        guard let at = lastChangeAt, at.count >= 10 else { return }
        let day = String(at.prefix(10))
        if !dailies.contains("daily-\(day)") {
            backupProblems.append("no daily backup for \(day), the day of the latest change (\(Snapshot.backupsDirectory)/daily-\(day) is missing or was never verified); the next change tries again, and `rollcall backup` makes a copy now")
        }
    }
}

extension CheckReport {
    /// Files with the wrong group or mode for the store's sharing (see `Permissions`).
    mutating func checkPermissions(_ store: Store) {
        let found = Permissions.findings(store: store.path, sharing: store.sharing)
        if let sharing = store.sharing {
            notes.append("shared with the group \(sharing.group)" + (sharing.dslGroup.map { "; sensitive words readable only by the group \($0)" } ?? "; no DSL group, so sensitive words are readable by the whole group (set one up: see the head's guide)"))
        }
        // A file the store does not write (left by a person or another program) is not
        // damage: it never stops the store opening, but children's records may be in it.
        let (known, stray) = (found.filter { Permissions.isStoreFile($0.path, store: store.path) },
                              found.filter { !Permissions.isStoreFile($0.path, store: store.path) })
        for f in stray.prefix(20) { warnings.append("permissions: \(f) (a file Rollcall does not write; move it out of the store, or let `rollcall check --repair-permissions` make it private)") }
        if stray.count > 20 { warnings.append("permissions: \(stray.count - 20) more files Rollcall does not write, like these") }
        for f in known.prefix(20) { problems.append("permissions: \(f)") }
        if known.count > 20 { problems.append("permissions: \(known.count - 20) more files like these") }
        if !known.isEmpty { problems.append("permissions: the head can put these right with `rollcall check --repair-permissions` (files owned by other logins need `sudo`)") }
    }
}

extension CheckReport {
    /// Every held-apart entry's words file is about that entry's pupil, by its author; and
    /// every words file belongs to an entry (one left by a save that failed belongs to none).
    /// Only what this login can read is compared (in a shared store, the DSL group's).
    mutating func checkSensitiveWords(_ store: Store) {
        let notes = store.sensitive
        guard let files = notes.listable() else { return }
        var ids: Set<String> = []
        func compare(id: String, upn: String, by: String, what: String) {
            ids.insert(id)
            guard let words = notes.words(id) else { return }
            if words.id != id || words.upn != upn || words.by != by {
                problems.append("\(notes.path(id)): the words of \(what) \(id) (about \(upn), by \(by)) are about \(words.upn), by \(words.by); they are not that entry's words")
            }
        }
        for entries in store.school.casework.contacts.values {
            for e in entries where e.heldApart == true { compare(id: e.id, upn: e.upn, by: e.by, what: "contact-log entry") }
        }
        for meetings in store.school.casework.meetings.values {
            for m in meetings where m.heldApart == true { compare(id: m.id, upn: m.upn, by: m.by, what: "meeting") }
        }
        for file in files where !ids.contains(String(file.dropLast(".json".count))) {
            warnings.append("\(notes.directory)/\(file): sensitive words with no journal line (a save that did not complete); they belong to no entry. The DSL may read them and record them again, then remove the file")
        }
    }
}
