/// One line of a session's absentee report: who is absent or late, whether the reason is
/// known, and whom to call first.
public struct AbsenteeEntry: Hashable, Sendable {
    public var pupil: Pupil
    public var mark: Mark
    /// False for N (not yet established) and O (unknown): these are the calls to make.
    public var reasonKnown: Bool
    public var firstContact: Contact?
}

extension School {
    /// Everyone on roll who is absent or late in a session, in register order (class, name).
    public func absentees(at session: Session) -> [AbsenteeEntry] {
        roll.compactMap { p in
            guard let m = register.mark(for: p.upn, at: session) else { return nil }
            let absentOrLate = m.code.counting.isAbsence || m.code == .lateBeforeClose
            guard absentOrLate else { return nil }
            return AbsenteeEntry(pupil: p, mark: m, reasonKnown: !m.code.isUnexplained, firstContact: p.contacts.first)
        }
    }
}
