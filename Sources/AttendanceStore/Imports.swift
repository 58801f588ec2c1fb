import Attendance

/// Imports as transactions: one journal line per file, so the audit trail says who
/// imported what and when, and amendments made by a re-import carry the file as reason.
public struct ImportResult: Equatable, Sendable {
    public var read: Int
    public var added: Int
    public var changed: Int
    /// Of `changed`: marks staff had amended with a reason, overwritten (`overwriteAmended`).
    public var overwroteAmended: Int = 0
    /// Already as the file has them: left alone.
    public var unchanged: Int { read - added - changed }
}

extension Store {
    public typealias ImportResult = AttendanceStore.ImportResult
}

extension SchoolStore {
    public func importPupils(_ pupils: [Pupil], file: String, by actor: StaffMember) throws -> ImportResult {
        try importPupils(PupilFile(pupils: pupils), file: file, by: actor)
    }

    /// Adds or updates pupils by UPN. What a column missing from the file would hold
    /// (preferred name, flags, contacts) is kept as stored.
    public func importPupils(_ pupilFile: PupilFile, file: String, by actor: StaffMember) throws -> ImportResult {
        let before = school.pupils
        let draft = Transaction(pupilFile.pupils.map(Change.pupil), reason: "imported from \(file)", origin: .importFile(file))
        let done = try commit(draft, by: actor) { school, t in
            var t = t
            t.changes = pupilFile.pupils.map { .pupil(pupilFile.merged($0, over: school.pupils[$0.upn])) }
            return t
        }
        var added = 0, changed = 0
        for case .pupil(let p) in done?.changes ?? [] { if before[p.upn] == nil { added += 1 } else { changed += 1 } }
        return ImportResult(read: pupilFile.pupils.count, added: added, changed: changed)
    }

    public func importMarks(_ marks: [MarkChange], file: String, by actor: StaffMember) throws -> ImportResult {
        try importMarks(MarkFile(marks: marks), file: file, by: actor)
    }

    /// Records a file's marks. A column the file lacks leaves the stored minutes late or
    /// comment alone. A stored mark that staff amended with a reason is not replaced: the
    /// import is refused with `ImportConflicts` listing each one and nothing is stored,
    /// unless `overwriteAmended`, when each replacement is an amendment naming the file.
    /// `allowingAnyDate`: marks outside the years the school holds (and the year either side)
    /// are meant, as history from an MIS is; the file is the reason the audit trail keeps.
    public func importMarks(_ markFile: MarkFile, file: String, by actor: StaffMember, overwriteAmended: Bool = false,
                            allowingAnyDate: Bool = false) throws -> ImportResult {
        var overwrote = 0
        let done = try namingRefusedLines(of: markFile, file: file, by: actor, allowingAnyDate: allowingAnyDate) { try commitMarks(markFile.columns, reason: "imported from \(file)", origin: .importFile(file), by: actor,
                                   allowingAnyDate: allowingAnyDate) { school, marks, reason in
            var replacing: [Int] = []
            for i in 0..<marks.count {
                guard let stored = school.register.mark(for: marks.upn(i), at: marks.session(i)) else { continue }
                if !markFile.hasMinutesLate || !markFile.hasComment, var mark = marks.mark(i) {
                    if !markFile.hasMinutesLate, mark.code == .lateBeforeClose || mark.code == .lateAfterClose { mark.minutesLate = stored.minutesLate }
                    if !markFile.hasComment { mark.comment = stored.comment }
                    marks.setMark(i, mark)
                }
                if stored != marks.mark(i) { replacing.append(i) }
            }
            guard !replacing.isEmpty else { return }
            let amended = staffAmendments(among: replacing.map { marks[$0] })
            guard !amended.isEmpty else { return }
            if overwriteAmended {
                overwrote = amended.count
                reason = "imported from \(file), replacing \(amended.count) mark\(amended.count == 1 ? "" : "s") staff had amended"
                return
            }
            var conflicts: [ImportConflicts.Conflict] = []
            for i in replacing {
                let m = marks[i]
                guard let a = amended[StoreMarkSlot(upn: m.upn, ordinal: m.session.ordinal)] else { continue }
                conflicts.append(.init(line: i < markFile.lines.count ? markFile.lines[i] : nil, upn: m.upn, session: m.session,
                                       stored: a.mark, amendedBy: a.byName, at: a.at, reason: a.reason, fileMark: m.mark))
            }
            throw ImportConflicts(file: file, conflicts: conflicts, timeZone: school.settings.timeZone)
        } }
        var added = 0
        for i in 0..<(done?.count ?? 0) where done!.previousCode[i] == 0 { added += 1 }
        return ImportResult(read: markFile.columns.count, added: added, changed: (done?.count ?? 0) - added, overwroteAmended: overwrote)
    }

    /// Of these changes, the ones whose stored mark was put there by a member of staff
    /// amending a mark with a reason (from the audit trail: the last change to that session
    /// was staff's, replaced a different mark and gave a reason), keyed by pupil and session.
    func staffAmendments(among changes: [MarkChange]) -> [StoreMarkSlot: AmendedMark] {
        let wanted = Set(changes.map { StoreMarkSlot(upn: $0.upn, ordinal: $0.session.ordinal) })
        var last: [StoreMarkSlot: (record: AuditEntry, change: MarkChange)] = [:]
        for entry in auditTrail().entries {
            guard case .mark(let m) = entry.change else { continue }
            let key = StoreMarkSlot(upn: m.upn, ordinal: m.session.ordinal)
            if wanted.contains(key) { last[key] = (entry, m) }
        }
        var result: [StoreMarkSlot: AmendedMark] = [:]
        for (key, (record, m)) in last {
            let byStaff = record.origin == nil || record.origin == "undo"
            guard byStaff, let reason = record.reason, !reason.isEmpty, m.previous != nil, m.previous != m.mark,
                  m.mark == school.register.mark(for: m.upn, at: m.session) else { continue }
            result[key] = AmendedMark(mark: m.mark, byName: record.name, at: record.at, reason: reason)
        }
        return result
    }
}

struct StoreMarkSlot: Hashable { var upn: String; var ordinal: Int }

/// A stored mark a member of staff amended with a reason.
struct AmendedMark {
    var mark: Mark?
    var byName: String
    var at: String
    var reason: String
}

/// An import refused because it would replace marks staff amended with a reason. Nothing
/// from the file is stored; `--overwrite-amended` replaces them, each as an amendment.
public struct ImportConflicts: Error, CustomStringConvertible, Equatable {
    public struct Conflict: Hashable, Sendable {
        /// The line of the file the mark came from (nil when not known).
        public var line: Int?
        public var upn: String
        public var session: Session
        public var stored: Mark?
        public var amendedBy: String
        /// When, as the journal's ISO timestamp.
        public var at: String
        public var reason: String
        public var fileMark: Mark?
    }

    public var file: String
    public var conflicts: [Conflict]
    /// The school's, for saying when each amendment was made.
    public var timeZone: String = SchoolSettings.defaultTimeZone

    public var description: String {
        let n = conflicts.count
        let symbol = { (m: Mark?) in m?.code.symbol ?? "no mark" }
        let header = "\(file): nothing imported; \(n) mark\(n == 1 ? " was" : "s were") amended by staff with a reason, and the file would overwrite \(n == 1 ? "it" : "them"):"
        let lines = conflicts.map { c in
            "\(c.line.map { "line \($0): " } ?? "")\(c.upn) \(c.session): stored \(symbol(c.stored)), amended by \(c.amendedBy) on \(LocalTime.dateTime(c.at, timeZone: timeZone)) (\"\(c.reason)\"); the file has \(symbol(c.fileMark))"
        }
        return ([header] + lines + ["To replace them, import again with --overwrite-amended (each replacement is recorded as an amendment whose reason names the file)."]).joined(separator: "\n")
    }
}
