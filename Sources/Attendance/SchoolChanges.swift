extension School {
    /// Fills in what each change replaces from the current state, so the journal and the
    /// audit trail say what was there before.
    public func completing(_ transaction: Transaction) -> Transaction {
        var t = transaction
        t.changes = t.changes.map { change in
            guard case .mark(var m) = change else { return change }
            m.previous = register.mark(for: m.upn, at: m.session)
            return .mark(m)
        }
        return t
    }

    /// Checks a completed transaction against the rules and the acting member's role.
    public func check(_ t: Transaction, by actor: StaffMember) throws(ChangeRefused) {
        let hasReason = !(t.reason ?? "").trimmingSpaces().isEmpty
        for change in t.changes {
            switch change {
            case .mark(let m):
                try require(m.isAmendment ? .amendMarks : .recordMarks, actor)
                guard pupils[m.upn] != nil else { throw ChangeRefused("no pupil with UPN \(m.upn)") }
                if m.isAmendment && !hasReason {
                    let was = m.previous!.code.symbol, now = m.mark?.code.symbol ?? "no mark"
                    throw ChangeRefused("\(m.upn) already has \(was) on \(m.session): changing it to \(now) is an amendment and needs a reason")
                }
                if let code = m.mark?.code, code.isLegacy, t.origin == .staff {
                    throw ChangeRefused("\(code.symbol) is a pre-2024 code, accepted only from imports; use \(code.nearestCurrentCode.symbol)")
                }
                if let minutes = m.mark?.minutesLate, minutes < 0 || minutes > 300 {
                    throw ChangeRefused("minutes late must be 0–300")
                }
            case .pupil:
                try require(.importData, actor)
            case .calendar:
                try require(.editCalendar, actor)
            case .staff(let s):
                try require(.manageStaff, actor)
                guard !s.login.isEmpty, !s.name.trimmingSpaces().isEmpty else { throw ChangeRefused("staff need a login and a name") }
                if s.role != .head, staff[s.login]?.role == .head, heads.count == 1 {
                    throw ChangeRefused("\(s.login) is the only head; add another head first")
                }
            case .staffRemoved(let login):
                try require(.manageStaff, actor)
                guard staff[login] != nil else { throw ChangeRefused("\(login) is not on the staff list") }
                if staff[login]?.role == .head, heads.count == 1 { throw ChangeRefused("\(login) is the only head; add another head first") }
            }
        }
    }

    private var heads: [StaffMember] { staff.values.filter { $0.role == .head } }

    private func require(_ p: Permission, _ actor: StaffMember) throws(ChangeRefused) {
        guard actor.may(p) else {
            throw ChangeRefused("\(actor.name) is \(actor.role.rawValue) staff and may not \(p.rawValue)")
        }
    }

    /// Applies a change. Idempotent: replaying a journal twice gives the same state.
    public mutating func apply(_ change: Change) {
        switch change {
        case .mark(let m): register.record(m.mark, for: m.upn, at: m.session)
        case .pupil(let p): upsert(p)
        case .calendar(let c): calendar = c
        case .staff(let s): staff[s.login] = s
        case .staffRemoved(let login): staff[login] = nil
        }
    }

    public mutating func apply(_ t: Transaction) {
        for c in t.changes { apply(c) }
    }
}
