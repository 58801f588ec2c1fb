/// A class's register for one session, closed: every pupil on roll has a mark, and any
/// change to a mark from now on is an amendment (it needs a reason, and the audit trail
/// keeps the original mark, the new one, the reason, when and who).
public struct RegisterClosure: Hashable, Sendable {
    /// The registration group (class), as pupils' records name it.
    public var group: String
    public var session: Session
    /// The login of who closed it; filled in when recorded.
    public var by: String

    public init(group: String, session: Session, by: String = "") {
        self.group = group
        self.session = session
        self.by = by
    }
}

extension School {
    /// True once the register of `group` for `session` has been closed.
    public func isClosed(group: String, session: Session) -> Bool {
        registerClosures[session]?[group] != nil
    }

    /// Every closed register, oldest session first, then by group.
    public var allRegisterClosures: [RegisterClosure] {
        registerClosures.keys.sorted().flatMap { s in registerClosures[s]!.keys.sorted().map { registerClosures[s]![$0]! } }
    }

    /// Pupils of `group` on roll for `session` with no mark yet, as registers list them.
    /// A pupil marked `Z` (not yet on roll) has a mark, so is never listed.
    public func unmarkedPupils(group: String, session: Session) -> [Pupil] {
        roll.filter { $0.registrationGroup == group && register.mark(for: $0.upn, at: session) == nil }
    }

    /// Loads closures read from the store.
    public mutating func load(closures: [RegisterClosure]) {
        for c in closures { recordClosure(c) }
    }

    /// Keeps the first closure of a register: closing twice changes nothing.
    mutating func recordClosure(_ c: RegisterClosure) {
        guard !isClosed(group: c.group, session: c.session) else { return }
        registerClosures[c.session, default: [:]][c.group] = c
    }

    /// Changing an existing mark needs a reason (it is a register amendment) when the
    /// pupil's register for that session has been closed, or the session's day is before
    /// `today`. Before the close on the day itself, staff put mistakes right freely.
    public func needsReason(_ m: MarkChange, today: SchoolDate) -> Bool {
        guard m.isAmendment else { return false }
        if m.session.date < today { return true }
        guard let group = pupils[m.upn]?.registrationGroup else { return true }
        return isClosed(group: group, session: m.session)
    }
}
