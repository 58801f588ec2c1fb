/// The half-termly attendance report to governors: this half-term so far (from its first
/// day to the date of the report) for the school, each year group and each vulnerable group,
/// with the change since the half-term before. Every figure is a `CohortFigures`, the same
/// sums `rollcall stats --by` prints for the same dates.
public struct GovernorsReport: Sendable {
    /// One row of the report: a group now and in the half-term before.
    public struct Row: Sendable {
        public var now: CohortFigures
        public var before: CohortFigures?
        public var name: String { now.name }

        /// The change in attendance, in percentage points, as people read it ("+1.2", "-0.4").
        public var attendanceChange: String? { Self.change(now.figures.attendancePercent, before?.figures.attendancePercent) }
        public var persistentAbsenceChange: String? { Self.change(now.persistentAbsenceRate, before?.persistentAbsenceRate) }

        static func change(_ a: Double?, _ b: Double?) -> String? {
            guard let a, let b else { return nil }
            // Truncated figures first, so the change is the difference of what the report shows.
            let d = (Double(PercentText.truncated(a)) ?? a) - (Double(PercentText.truncated(b)) ?? b)
            let tenths = Int((d * 10).rounded())
            return (tenths < 0 ? "-" : "+") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
        }
    }

    /// The groups governors ask about, in the order the report lists them.
    public static let vulnerableGroups: [VulnerabilityFlags.Flag] = [
        .pupilPremium, .senSupport, .ehcp, .freeSchoolMeals, .childInNeed, .childProtection, .lookedAfter,
    ]

    public var asOf: SchoolDate
    public var period: DateRange
    /// The half-term before, whole; nil at the start of the academic year.
    public var previousPeriod: DateRange?
    public var school: Row
    public var yearGroups: [Row]
    public var vulnerableGroups: [Row]
    /// Every code recorded this half-term, with its sessions, in the DfE code order.
    public var codesUsed: [(code: AttendanceCode, sessions: Int)]
    /// Absence by weekday this half-term, Monday to Friday.
    public var weekdays: [(day: Weekday, figures: AttendanceFigures)]
    /// Each school week of the academic year to the report's date, for the chart.
    public var weeks: [(weekStart: SchoolDate, figures: AttendanceFigures)]
    /// The whole school (compulsory school age) over the academic year to the report's date,
    /// as `stats --by school` counts it: what is set beside the national figures.
    public var yearToDate: CohortFigures
    /// The school's phase, for the national figures of the same phase.
    public var phase: SchoolPhase?

    public init(school: School, asOf date: SchoolDate) {
        let stats = school.statistics
        let pupils = school.roll
        let upns = pupils.map(\.upn)
        asOf = date
        let yearStart = AcademicYear(containing: date).firstDay
        period = Self.fromFirstSchoolDay(DateRange(max(yearStart, stats.halfTermStart(containing: date)), date), stats)
        previousPeriod = Self.halfTermBefore(period.start, stats: stats, yearStart: yearStart)
        let now = period, before = previousPeriod
        func rows(_ grouping: CohortGrouping) -> [Row] {
            let current = stats.cohorts(grouping, of: pupils, in: now)
            let earlier = before.map { stats.cohorts(grouping, of: pupils, in: $0) }
            return current.map { c in Row(now: c, before: earlier?.first { $0.name == c.name }) }
        }
        self.school = rows(.wholeSchool)[0]
        yearGroups = rows(.yearGroup)
        vulnerableGroups = Self.vulnerableGroups.map { flag in
            let members = pupils.filter { $0.flags[flag] }.map(\.upn)
            return Row(now: stats.cohort(named: flag.rawValue, pupils: members, in: now),
                       before: before.map { stats.cohort(named: flag.rawValue, pupils: members, in: $0) })
        }
        codesUsed = self.school.now.figures.codesUsed
        let pattern = stats.weekdayPattern(for: upns, in: now)
        weekdays = [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, pattern[$0] ?? AttendanceFigures()) }
        weeks = stats.weeklyFigures(for: upns, in: DateRange(yearStart, date))
        yearToDate = stats.cohorts(.wholeSchool, of: pupils, in: Statistics.yearToDate(date))[0]
        phase = school.phase(on: date)
    }

    /// A half-term named from its first school day, not the Saturday after the break.
    static func fromFirstSchoolDay(_ range: DateRange, _ stats: Statistics) -> DateRange {
        var start = range.start
        while start < range.end && !stats.schoolDays.isOpen(day: start) { start = start.adding(days: 1) }
        return DateRange(start, range.end)
    }

    /// The half-term that ended before `start`, within the same academic year.
    static func halfTermBefore(_ start: SchoolDate, stats: Statistics, yearStart: SchoolDate) -> DateRange? {
        var day = start.adding(days: -1)
        while day >= yearStart {
            if stats.schoolDays.isOpen(day: day) {
                return fromFirstSchoolDay(DateRange(max(yearStart, stats.halfTermStart(containing: day)), day), stats)
            }
            day = day.adding(days: -1)
        }
        return nil
    }
}
