import Attendance

/// Imports as transactions: one journal line per file, so the audit trail says who
/// imported what and when, and amendments made by a re-import carry the file as reason.
extension Store {
    public struct ImportResult: Equatable {
        public var read: Int
        public var added: Int
        public var changed: Int
        public var unchanged: Int { read - added - changed }
    }

    public func importPupils(_ pupils: [Pupil], file: String, by actor: StaffMember) throws -> ImportResult {
        let before = school.pupils
        let done = try commit(Transaction(pupils.map(Change.pupil), reason: "imported from \(file)", origin: .importFile(file)), by: actor)
        var added = 0, changed = 0
        for case .pupil(let p) in done?.changes ?? [] { if before[p.upn] == nil { added += 1 } else { changed += 1 } }
        return ImportResult(read: pupils.count, added: added, changed: changed)
    }

    public func importMarks(_ marks: [MarkChange], file: String, by actor: StaffMember) throws -> ImportResult {
        let done = try commit(Transaction(marks.map(Change.mark), reason: "imported from \(file)", origin: .importFile(file)), by: actor)
        var added = 0, changed = 0
        for case .mark(let m) in done?.changes ?? [] { if m.previous == nil { added += 1 } else { changed += 1 } }
        return ImportResult(read: marks.count, added: added, changed: changed)
    }
}
