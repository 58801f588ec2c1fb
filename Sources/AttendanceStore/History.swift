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
    /// Every recorded change that concerns a pupil, oldest first, from the audit archive and
    /// the journal. Marks entered before the store kept a journal (imports into layout 1)
    /// have no entries.
    public func history(upn: String) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for record in try AuditArchive.records(store: path, journal: journal.path) {
            for change in (try? record.transaction.changes) ?? [] {
                let concerns: Bool
                switch change {
                case .mark(let m): concerns = m.upn == upn
                case .pupil(let p): concerns = p.upn == upn
                default: concerns = false
                }
                if concerns {
                    entries.append(AuditEntry(seq: record.seq, at: record.at, login: record.by, name: record.name, role: record.role,
                                              reason: record.reason, origin: record.origin, change: change))
                }
            }
        }
        return entries
    }
}
