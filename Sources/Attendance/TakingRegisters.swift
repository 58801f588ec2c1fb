/// What every front end needs to take a register: which sessions are open on a day, who is
/// on roll for a session, the classes, and the session's own present mark.
extension School {
    /// The sessions whose registers are taken on a day: open in the calendar, or (with no
    /// calendar for the year, or a register taken anyway) any pupil has a mark in them.
    public func openSessions(on date: SchoolDate) -> [SessionHalf] {
        let days = SchoolDays(calendar: calendar, register: register)
        return SessionHalf.allCases.filter { half in
            let session = Session(date, half)
            return days.isOpen(session) || register.pupils.values.contains { $0.mark(at: session) != nil }
        }
    }

    /// The pupils a session's register lists, in roll order: everyone but those marked `Z`
    /// (not yet on roll) in that session.
    public func onRoll(at session: Session) -> [Pupil] {
        roll.filter { register.mark(for: $0.upn, at: session)?.code != .notYetOnRoll }
    }

    /// One class's register for a session (without sorting the whole school).
    public func onRoll(at session: Session, group: String) -> [Pupil] {
        pupils.values.filter { $0.registrationGroup == group && register.mark(for: $0.upn, at: session)?.code != .notYetOnRoll }
            .sorted(by: School.rollOrder)
    }

    /// The registration groups (classes), each once, in roll order (year group, then class).
    public var registrationGroups: [String] {
        // In roll order, which sorts by year group then class first: a class comes where its
        // youngest year group puts it, found without sorting every pupil by name.
        var youngest: [String: YearGroup] = [:]
        for p in pupils.values { youngest[p.registrationGroup] = min(youngest[p.registrationGroup] ?? p.yearGroup, p.yearGroup) }
        return youngest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
    }
}

extension AttendanceCode {
    /// The present mark of a session: `/` in the morning, `\` in the afternoon.
    public static func present(for half: SessionHalf) -> AttendanceCode {
        half == .am ? .presentAM : .presentPM
    }

    /// This code as recorded in a session: either present mark becomes the session's own.
    public func recorded(in half: SessionHalf) -> AttendanceCode {
        self == .presentAM || self == .presentPM ? .present(for: half) : self
    }
}
