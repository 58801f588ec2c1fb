/// Attendance statistics over a register. A value built once per query batch: it reads the
/// register and the school days it was given and never changes them.
public struct Statistics: Sendable {
    public let register: Register
    public let schoolDays: SchoolDays

    public init(register: Register, calendar: SchoolCalendar?) {
        self.register = register
        self.schoolDays = SchoolDays(calendar: calendar, register: register)
    }

    // MARK: Figures over a period

    /// Counts one pupil's marks between two dates inclusive.
    public func figures(for upn: String, in range: DateRange) -> AttendanceFigures {
        var result = AttendanceFigures()
        guard let pupil = register[upn], range.start <= range.end else { return result }
        var histogram = [Int](repeating: 0, count: AttendanceCode.allCases.count + 1)
        var year = AcademicYear(containing: range.start)
        while year.firstDay <= range.end {
            if let bytes = pupil.bytes(for: year) {
                let from = Session(max(range.start, year.firstDay), .am).slotInYear
                let to = Session(min(range.end, year.lastDay), .pm).slotInYear
                bytes.withUnsafeBufferPointer { buf in
                    for slot in from...to { histogram[Int(buf[slot])] += 1 }
                }
            }
            year = year.next
        }
        histogram[0] = 0
        result.add(histogram: histogram)
        let firstOrdinal = Session(range.start, .am).ordinal, lastOrdinal = Session(range.end, .pm).ordinal
        for (ordinal, detail) in pupil.details where ordinal >= firstOrdinal && ordinal <= lastOrdinal {
            result.minutesLate += detail.minutesLate ?? 0
        }
        return result
    }

    /// The period a figure "as of" a date covers: the academic year up to that date.
    public static func yearToDate(_ date: SchoolDate) -> DateRange {
        DateRange(AcademicYear(containing: date).firstDay, date)
    }

    // MARK: Penalty-notice measure

    /// Unauthorised sessions (G, N, O, U) in the 10 most recent school weeks up to and
    /// including the week of `date`, counting only sessions on or before `date`.
    /// `from`: count only sessions on or after it (a penalty notice answers only sessions
    /// while the child is of compulsory school age).
    public func unauthorisedInRecentSchoolWeeks(for upn: String, asOf date: SchoolDate,
                                                weeks: Int = 10, from: SchoolDate? = nil) -> RecentUnauthorised {
        unauthorisedInRecentSchoolWeeks(for: upn, asOf: date, mondays: schoolDays.schoolWeeks(count: weeks, upTo: date), from: from)
    }

    /// The same over school weeks already found (the same for every pupil on a date).
    public func unauthorisedInRecentSchoolWeeks(for upn: String, asOf date: SchoolDate, mondays: [SchoolDate],
                                                from: SchoolDate? = nil) -> RecentUnauthorised {
        var result = RecentUnauthorised(weeks: mondays.sorted(), total: 0, stillUnexplained: 0)
        for monday in mondays {
            let end = min(monday.adding(days: 6), date)
            let start = max(monday, from ?? monday)
            guard start <= end else { continue }
            let f = figures(for: upn, in: DateRange(start, end))
            result.total += f.unauthorisedAbsence
            result.stillUnexplained += f.count(.reasonNotYetEstablished)
        }
        return result
    }

    public struct RecentUnauthorised: Hashable, Sendable {
        /// Mondays of the school weeks in the window, oldest first.
        public var weeks: [SchoolDate]
        public var total: Int
        /// How many of them are still `N`: to be resolved before a penalty notice is asked for.
        public var stillUnexplained: Int

        public var window: DateRange? {
            guard let first = weeks.first, let last = weeks.last else { return nil }
            return DateRange(first, last.adding(days: 6))
        }
    }

    // MARK: Unexplained absence run

    /// School days in a row, counting back from `date`, on which every possible session the
    /// pupil had was `N` or `O`. Non-school days are stepped over. The as-of date is skipped
    /// if its registers are not yet taken for this pupil; any other school day with no
    /// unexplained-only marks (present, authorised, `G`, `U`, not possible, or no mark) ends it.
    public func consecutiveUnexplainedDays(for upn: String, asOf date: SchoolDate) -> Int {
        consecutiveDays(for: upn, asOf: date, where: \.isUnexplained)
    }

    /// School days in a row, back from `date`, on which every possible session was
    /// unauthorised (G, N, O, U): the LA must hear of 10 or more.
    public func consecutiveUnauthorisedDays(for upn: String, asOf date: SchoolDate) -> Int {
        consecutiveDays(for: upn, asOf: date) { $0.counting == .unauthorisedAbsence }
    }

    /// The run of school days back from `date` on which every possible session matched.
    public func consecutiveDays(for upn: String, asOf date: SchoolDate, where matches: (AttendanceCode) -> Bool) -> Int {
        run(for: upn, asOf: date, where: matches).days
    }

    /// The school day the current run of unexplained absence began on (the earliest school
    /// day of the run `consecutiveUnexplainedDays` counts), nil if there is no run. Always a
    /// school day: weekends and holidays before or inside the run are never named.
    public func firstDayOfUnexplainedRun(for upn: String, asOf date: SchoolDate) -> SchoolDate? {
        run(for: upn, asOf: date, where: \.isUnexplained).first
    }

    /// The run of school days back from `date` on which every possible session matched: how
    /// many, and the earliest of them.
    func run(for upn: String, asOf date: SchoolDate, where matches: (AttendanceCode) -> Bool) -> (days: Int, first: SchoolDate?) {
        guard let pupil = register[upn] else { return (0, nil) }
        var run = 0
        var first: SchoolDate?
        var day = date
        for _ in 0..<800 {
            defer { day = day.adding(days: -1) }
            guard schoolDays.isOpen(day: day) else { continue }
            let codes = [pupil.code(at: Session(day, .am)), pupil.code(at: Session(day, .pm))]
            let marked = codes.compactMap { $0 }
            if marked.isEmpty && day == date { continue }
            let possible = marked.filter { $0.counting.isPossible }
            guard !possible.isEmpty, possible.allSatisfy(matches) else { break }
            run += 1
            first = day
        }
        return (run, first)
    }

    // MARK: Half-terms

    /// The first day of the half-term containing `date`: from the calendar where it has one,
    /// otherwise the Monday after the last week the school was closed.
    public func halfTermStart(containing date: SchoolDate) -> SchoolDate {
        if let cal = schoolDays.calendar, let period = cal.halfTermPeriod(containing: date) { return period.start }
        var monday = date.weekStart
        for _ in 0..<30 {
            let previous = monday.adding(days: -7)
            if !schoolDays.isSchoolWeek(startingMonday: previous) { return monday }
            monday = previous
        }
        return monday
    }

    // MARK: Patterns

    /// Possible and absent sessions by day of the week (Monday–Friday and any weekend sessions).
    public func weekdayPattern(for upns: [String], in range: DateRange) -> [Weekday: AttendanceFigures] {
        var result: [Weekday: AttendanceFigures] = [:]
        for upn in upns {
            guard let pupil = register[upn] else { continue }
            for day in range.days {
                for half in SessionHalf.allCases {
                    if let code = pupil.code(at: Session(day, half)) { result[day.weekday, default: .init()].add(code) }
                }
            }
        }
        return result
    }

    /// Figures for each Monday–Sunday week that has marks, oldest first: the trend line.
    public func weeklyFigures(for upns: [String], in range: DateRange) -> [(weekStart: SchoolDate, figures: AttendanceFigures)] {
        var weeks: [(SchoolDate, AttendanceFigures)] = []
        var monday = range.start.weekStart
        while monday <= range.end {
            let span = DateRange(max(monday, range.start), min(monday.adding(days: 6), range.end))
            var total = AttendanceFigures()
            for upn in upns { total = total + figures(for: upn, in: span) }
            if total.possible > 0 { weeks.append((monday, total)) }
            monday = monday.adding(days: 7)
        }
        return weeks
    }
}
