import Attendance
import Foundation

// MARK: Many marks at once

extension Store {
    /// `commit` for a transaction of marks only, held as columns: an import of a year of
    /// marks is 600,000 of them, which as `Change`s would be copied several times over (read,
    /// completed, checked, journalled). The same steps in the same order, under the lock:
    /// catch up, `revise` (which may change the marks and the reason), complete, check each
    /// mark with the domain's rules, append the journal line, apply, compact. Returns the
    /// marks as recorded, each with the mark it replaced; nil when nothing changed.
    public func commitMarks(_ marks: MarkColumns, reason: String?, origin: Transaction.Origin, by actor: StaffMember, allowingAnyDate: Bool = false,
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
            for i in 0..<done.count { try school.check(done[i], by: current, today: today, hasReason: hasReason, origin: origin, allowingAnyDate: allowingAnyDate) }
            let warned = warnings.count
            Backup.takeDailyIfDue(self)
            let groups = done.byPupilAndYear()
            var record = JournalRecord(seq: lastSeq + 1, at: now(), by: current, reason: reason, origin: origin, marks: MarkBatch.make(done, groups: groups))
            record.schoolTime = recordedMoment
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
            compactIfDue(changeCount: done.count)
            return done
        }
    }
}
