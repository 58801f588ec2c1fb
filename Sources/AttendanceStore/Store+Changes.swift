import Attendance
import Foundation

extension Store {
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

    /// Undoes the last change this process made, if it was register marks that nobody has
    /// changed since: each mark goes back to what it was, as an amendment whose reason says
    /// so, so the audit trail keeps both. Undoing again puts the change back.
    @discardableResult
    public func undoLast(by actor: StaffMember) throws -> Transaction? {
        try undoingLast(by: actor)
    }

    /// The commit itself; `revise` runs on the caught-up school under the lock (with the years
    /// of `transaction`'s marks loaded) and returns the transaction to record, so what it
    /// decides from the stored marks cannot go stale before the change is written.
    public func commit(_ transaction: Transaction, by actor: StaffMember, revise: (School, Transaction) throws -> Transaction) throws -> Transaction? {
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
            // A leaver's cases whose day has come are closed with this change (LeaversCases.swift).
            var t = school.completing(school.closingLeaversCases(transaction, today: today), seq: lastSeq + 1, by: current)
            t.changes = t.changes.filter { !isNoChange($0) }
            guard !t.changes.isEmpty else { return nil }
            try school.check(t, by: current, today: today)
            let warned = warnings.count
            Backup.takeDailyIfDue(self)
            // Sensitive words go to their own file first; the journal holds the entry without them.
            var kept: [String] = []
            var record = JournalRecord(seq: lastSeq + 1, at: now(), by: current, transaction: try sensitive.sealing(t, notes: &kept))
            record.schoolTime = recordedMoment
            kept.forEach(warn)
            try reach(.beforeJournalAppend)
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
            compactIfDue(changeCount: t.changes.count)
            return t
        }
    }

    /// After a change, with the lock held: compact when the journal has grown (or a big
    /// change came in, or an earlier compaction failed). A failure is a warning and is tried
    /// again at the next change: the change itself is already durable.
    func compactIfDue(changeCount: Int) {
        guard !needsReload && (compactionDue || journal.offset > compactionThreshold || changeCount > 1000) else { return }
        do {
            try compactLocked()
            compactionDue = false
        } catch {
            compactionDue = true
            warn("compaction failed (\(error)); every change is saved in the journal, and compaction will be tried again at the next change")
        }
    }

    var readOnlyRefusal: ChangeRefused {
        ChangeRefused(.notPermitted, "this store is read-only (\(path) cannot be written: a backup copy, a read-only disk, or no write permission); it can be read, but nothing can be changed here")
    }

    /// Appends a record durably. Not saved (a full disk): says so, with anything else that
    /// went wrong on the way (the daily backup), and the journal is left as it was.
    func appendToJournal(_ record: JournalRecord, warnedSince warned: Int) throws {
        var record = record
        record.prev = chainTip()
        do {
            try journal.append(try record.line())
        } catch let error as StoreError {
            throw StoreError(file: error.file, ([error.message] + warnings[warned...]).joined(separator: "; also, "))
        }
    }

    /// The link for the next journal line: the SHA-256 of the last line written, wherever it
    /// now is (the journal; else, after a compaction, the manifest's record of it; else, for a
    /// store compacted before the chain, the archive's last line), or 64 zeros before the first.
    func chainTip() -> String {
        journal.tip ?? manifest.chainTip ?? AuditArchive.lastLineDigest(store: path) ?? SHA256.genesis
    }

    /// A durable change could not be applied in memory: re-read the store from disk (which
    /// holds the change). If even that fails, say so and re-read before the next use.
    func recoverAfterApplyFailed(_ error: Error) {
        do {
            try reload(from: try JSONFile.decode(Snapshot.Manifest.self, at: file(Snapshot.manifestName)))
        } catch {
            needsReload = true
            warn("a change was saved but could not be shown (\(error)); the store will be read again from disk before the next change")
        }
    }

    /// Refuses a mark whose register cell no longer holds what the screen showed.
    func refuseConflicts(_ t: Transaction) throws(ChangeRefused) {
        for case .mark(let m) in t.changes {
            guard let shown = m.shown else { continue }
            let now = school.register.mark(for: m.upn, at: m.session)
            guard now != shown.mark else { continue }
            let author = markAuthors[MarkKey(upn: m.upn, ordinal: m.session.ordinal)] ?? lastAuthorInAuditTrail(of: m)
            throw Store.conflictRefusal(m, shown: shown, now: now, byName: author?.name, at: author?.at, timeZone: school.settings.timeZone)
        }
    }

    /// Who last changed a mark, from the audit trail (only on a conflict, which is rare:
    /// this process may not have seen that change, e.g. it was compacted before it opened).
    func lastAuthorInAuditTrail(of m: MarkChange) -> MarkAuthor? {
        let read = AuditTrailReader.read(store: path, journal: journal.path)
        for (record, change) in read.changes.reversed() {
            if case .mark(let c) = change, c.upn == m.upn, c.session == m.session { return MarkAuthor(name: record.name, at: record.at) }
        }
        return nil
    }

    func isNoChange(_ change: Change) -> Bool { school.isNoChange(change) }

    /// "U1 2025-09-01 AM was changed by NAME at TIME from X to Y": the refusal for a mark whose
    /// register cell no longer holds what the screen showed (both stores say it the same way).
    package static func conflictRefusal(_ m: MarkChange, shown: ShownMark, now: Mark?, byName name: String?, at: String?,
                                        timeZone: String) -> ChangeRefused {
        let by = name.map { "by \($0)" + (at.flatMap { Timestamp.localClock($0, timeZone: timeZone) }.map { " at \($0)" } ?? "") } ?? "by another member of staff"
        let symbol = { (mark: Mark?) in mark?.code.symbol ?? "no mark" }
        var refusal = ChangeRefused(.conflict, "\(m.upn) \(m.session) was changed \(by) from \(symbol(shown.mark)) to \(symbol(now)); look again before changing it")
        refusal.conflict = MarkConflict(upn: m.upn, session: m.session, now: now, byName: name ?? "another member of staff", at: at ?? "")
        return refusal
    }
}

extension School {
    /// A change that would leave the school as it is (left out of what is recorded).
    package func isNoChange(_ change: Change) -> Bool {
        switch change {
        case .mark(let m): return m.previous == m.mark
        case .pupil(let p): return pupils[p.upn] == p
        case .calendar(let c): return calendar == c
        case .staff(let s): return staff[s.login] == s
        case .staffRemoved(let login): return staff[login] == nil
        case .policy(let p): return casework.policy == p
        case .settings(let s): return settings == s
        case .registerClosed(let c): return isClosed(group: c.group, session: c.session)
        default: return false
        }
    }
}
