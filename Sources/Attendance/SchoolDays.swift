/// Which sessions the school was open in: from the calendar where it has terms for that
/// academic year, otherwise any session in which some pupil has a mark other than `#`.
public struct SchoolDays: Sendable {
    public let calendar: SchoolCalendar?
    let register: Register
    private let calendarYears: Set<AcademicYear>

    public init(calendar: SchoolCalendar?, register: Register) {
        self.calendar = calendar
        self.register = register
        self.calendarYears = calendar?.academicYears ?? []
    }

    public func isOpen(_ session: Session) -> Bool {
        if let calendar, calendarYears.contains(session.academicYear) { return calendar.isOpen(session) }
        return register.hasOpenMarks(at: session)
    }

    public func isOpen(day: SchoolDate) -> Bool {
        isOpen(Session(day, .am)) || isOpen(Session(day, .pm))
    }

    /// A school week is a Monday–Sunday week with at least one open session.
    public func isSchoolWeek(startingMonday monday: SchoolDate) -> Bool {
        (0..<7).contains { isOpen(day: monday.adding(days: $0)) }
    }

    /// The Mondays of the `count` most recent school weeks up to and including the week of
    /// `date`, newest first. Holidays are skipped, so the window can cross terms and years.
    /// Looks back at most three years; fewer weeks come back if the school is that new.
    public func schoolWeeks(count: Int, upTo date: SchoolDate) -> [SchoolDate] {
        var weeks: [SchoolDate] = []
        var monday = date.weekStart
        var looked = 0
        while weeks.count < count && looked < 156 {
            if isSchoolWeek(startingMonday: monday) { weeks.append(monday) }
            monday = monday.adding(days: -7)
            looked += 1
        }
        return weeks
    }

    /// Open days from `start` to `end`, inclusive, in order.
    public func openDays(in range: DateRange) -> [SchoolDate] {
        range.days.filter { isOpen(day: $0) }
    }

    /// Open sessions in a range (e.g. for "possible sessions this year" projections).
    public func openSessionCount(in range: DateRange) -> Int {
        range.days.reduce(0) { n, d in
            n + (isOpen(Session(d, .am)) ? 1 : 0) + (isOpen(Session(d, .pm)) ? 1 : 0)
        }
    }
}
