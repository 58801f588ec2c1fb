import Attendance
import Foundation

/// One entry in a pupil's audit trail: when, who, and what changed, with the reason.
public struct AuditEntry: Hashable, Sendable {
    public var seq: Int
    public var at: String
    public var login: String
    public var name: String
    public var role: String
    public var reason: String?
    public var origin: String?
    public var change: Change
}

extension Store {
    /// Every recorded change that concerns a pupil (marks, their record, case decisions and
    /// actions, the contact log, meetings, timetables, interventions, penalty notices), oldest
    /// first, from the audit archive and the journal. Marks entered before the store kept a
    /// journal (imports into layout 1) have no entries.
    public func history(upn: String) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for record in try AuditArchive.records(store: path, journal: journal.path) {
            for change in (try? record.transaction.changes) ?? [] {
                if change.pupil == upn {
                    entries.append(AuditEntry(seq: record.seq, at: record.at, login: record.by, name: record.name, role: record.role,
                                              reason: record.reason, origin: record.origin, change: change))
                }
            }
        }
        return entries
    }

    /// Every recorded change that concerns the whole school rather than one pupil (settings,
    /// closed registers, the calendar, the staff list, the policy), oldest first.
    public func schoolHistory() throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for record in try AuditArchive.records(store: path, journal: journal.path) {
            for change in (try? record.transaction.changes) ?? [] where change.pupil == nil {
                entries.append(AuditEntry(seq: record.seq, at: record.at, login: record.by, name: record.name, role: record.role,
                                          reason: record.reason, origin: record.origin, change: change))
            }
        }
        return entries
    }
}

extension Change {
    /// The pupil a change concerns, if any.
    public var pupil: String? {
        switch self {
        case .mark(let m): return m.upn
        case .pupil(let p): return p.upn
        case .caseDecision(let d): return d.upn
        case .actionDone(let a): return a.upn
        case .contact(let e): return e.upn
        case .meeting(let m): return m.upn
        case .timetable(let t): return t.upn
        case .intervention(let i): return i.upn
        case .penaltyNotice(let p): return p.upn
        case .calendar, .staff, .staffRemoved, .policy, .settings, .registerClosed: return nil
        }
    }
}
