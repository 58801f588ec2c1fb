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

// MARK: Counting forward (due dates and reviews)

extension SchoolDays {
    /// Whether `day` counts as a school day when counting forward to a due date or review:
    /// the calendar's word where it covers that academic year, otherwise Monday to Friday
    /// (the register cannot say which future days the school will be open).
    public func countsAsSchoolDay(_ day: SchoolDate) -> Bool {
        if let calendar, calendarYears.contains(AcademicYear(containing: day)) {
            return calendar.isOpen(Session(day, .am)) || calendar.isOpen(Session(day, .pm))
        }
        return !day.isWeekend
    }

    /// The school day `schoolDays` school days after `date` (the day itself is not counted).
    /// With 0, `date` if it is a school day, otherwise the next one. Weekends and holidays
    /// are stepped over, so nothing falls due on a Saturday or in half-term.
    public func adding(schoolDays count: Int, to date: SchoolDate) -> SchoolDate {
        var day = date
        var left = count
        if left <= 0 {
            for _ in 0..<400 where !countsAsSchoolDay(day) { day = day.adding(days: 1) }
            return day
        }
        for _ in 0..<(400 + 2 * count) where left > 0 {
            day = day.adding(days: 1)
            if countsAsSchoolDay(day) { left -= 1 }
        }
        return day
    }

    /// The same weekday `schoolWeeks` school weeks after the week of `date`, counting only
    /// weeks with a school day in them (half-terms and holidays do not count); if that day is
    /// not a school day, the next school day. "Review in 4 weeks" set before half-term lands
    /// four teaching weeks later, never in the holiday.
    public func adding(schoolWeeks count: Int, to date: SchoolDate) -> SchoolDate {
        guard count > 0 else { return adding(schoolDays: 0, to: date) }
        var monday = date.weekStart
        var left = count
        for _ in 0..<(104 + count) where left > 0 {
            monday = monday.adding(days: 7)
            if (0..<7).contains(where: { countsAsSchoolDay(monday.adding(days: $0)) }) { left -= 1 }
        }
        return adding(schoolDays: 0, to: monday.adding(days: date.weekday.rawValue - 1))
    }
}
