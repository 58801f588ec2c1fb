/// One school's line in a trust's (or a federation's, or an LA team's) view of its schools, as
/// of a date: the year's figures for pupils of compulsory school age (the same
/// `CohortFigures` `rollcall stats --by school` prints), the casework at each stage family,
/// what is owed to the LA, and the day's registers and calls still to do.
public struct TrustRow: Sendable {
    /// Where the school was read from (its store directory); set by whoever read it.
    public var id = ""
    /// The school's name (for the trust's total, "Trust total").
    public var name: String
    public var phase: SchoolPhase?
    public var asOf: SchoolDate
    /// The academic year up to `asOf`.
    public var period: DateRange
    /// Pupils of compulsory school age with a possible session, their sessions and PA / SA.
    public var figures: CohortFigures
    /// Pupils with an open case, by the highest stage family of their cases.
    public var pupilsAtStage: [StageFamily: Int]
    public var openCases: Int
    /// Duties to the LA not yet done, and how many of them are past the day they arose.
    public var dutiesOwed: Int
    public var dutiesOverdue: Int
    /// Classes whose register is not fully taken, summed over the day's sessions that are due.
    public var registersNotTaken: Int
    /// Pupils on the day's calling list with no call, visit or message logged yet.
    public var callsNotMade: Int

    public var pupils: Int { figures.pupilCount }
    public var attendancePercent: Double? { figures.figures.attendancePercent }
    public var authorisedAbsencePercent: Double? { figures.percent(.authorisedAbsence) }
    public var unauthorisedAbsencePercent: Double? { figures.percent(.unauthorisedAbsence) }
    public var overallAbsencePercent: Double? { figures.percent(.overallAbsence) }
    public var persistentAbsencePercent: Double? { figures.persistentAbsenceRate }
    public var severeAbsencePercent: Double? { figures.severeAbsenceRate }
    public func pupils(at family: StageFamily) -> Int { pupilsAtStage[family] ?? 0 }

    public static let totalName = "Trust total"

    /// A school's row. `time`: the time of day when `date` is today (only registers that have
    /// closed by then are due); nil for a day that is over (both sessions are due).
    public init(school: School, asOf date: SchoolDate, time: ClockTime? = nil) {
        name = school.name
        // The pupils in no particular order: every figure here is a count or a sum, and
        // sorting the roll (`School.roll`) for each was a fifth of the trust view's time.
        let pupils = Array(school.pupils.values)
        phase = SchoolPhase(yearGroups: pupils.lazy.filter { $0.isOnRollForCasework(on: date) }.map(\.yearGroup))
        asOf = date
        period = Statistics.yearToDate(date)
        let stats = school.statistics
        // The whole-school cohort, exactly as `stats --by school` works it out.
        figures = stats.cohorts(.wholeSchool, of: pupils, in: period)[0]
        pupilsAtStage = school.pupilsByStageFamily()
        openCases = school.casework.openCases.count
        let days = stats.schoolDays.openDays(in: School.dutyRunsRange(asOf: date))
        let owed = pupils.flatMap { school.laDuties(for: $0, asOf: date, stats: stats, openDays: days) }.filter { $0.done == nil }
        dutiesOwed = owed.count
        dutiesOverdue = owed.filter { $0.due < date }.count
        registersNotTaken = school.registersDue(on: date, time: time)
            .reduce(0) { $0 + school.registersNotTaken(at: Session(date, $1)).count }
        callsNotMade = school.callsNotMade(on: date)
    }

    public init(name: String, phase: SchoolPhase?, asOf: SchoolDate, period: DateRange, figures: CohortFigures,
                pupilsAtStage: [StageFamily: Int], openCases: Int, dutiesOwed: Int, dutiesOverdue: Int,
                registersNotTaken: Int, callsNotMade: Int) {
        self.name = name
        self.phase = phase
        self.asOf = asOf
        self.period = period
        self.figures = figures
        self.pupilsAtStage = pupilsAtStage
        self.openCases = openCases
        self.dutiesOwed = dutiesOwed
        self.dutiesOverdue = dutiesOverdue
        self.registersNotTaken = registersNotTaken
        self.callsNotMade = callsNotMade
    }

    /// The trust's row: every count and session summed, and each percentage worked out from
    /// the sums (never an average of the schools' percentages). The phase is the rows' one
    /// phase, or all-through when they differ.
    public static func total(of rows: [TrustRow], asOf date: SchoolDate) -> TrustRow {
        var figures = CohortFigures(name: totalName, pupilCount: 0, figures: .init(), persistentAbsentees: 0, severeAbsentees: 0)
        var stages: [StageFamily: Int] = [:]
        for r in rows {
            figures.pupilCount += r.figures.pupilCount
            figures.figures = figures.figures + r.figures.figures
            figures.persistentAbsentees += r.figures.persistentAbsentees
            figures.severeAbsentees += r.figures.severeAbsentees
            for (f, n) in r.pupilsAtStage { stages[f, default: 0] += n }
        }
        let phases = Set(rows.compactMap(\.phase))
        return TrustRow(name: totalName, phase: phases.count == 1 ? phases.first : (phases.isEmpty ? nil : .allThrough),
                        asOf: date, period: Statistics.yearToDate(date), figures: figures, pupilsAtStage: stages,
                        openCases: rows.reduce(0) { $0 + $1.openCases }, dutiesOwed: rows.reduce(0) { $0 + $1.dutiesOwed },
                        dutiesOverdue: rows.reduce(0) { $0 + $1.dutiesOverdue },
                        registersNotTaken: rows.reduce(0) { $0 + $1.registersNotTaken },
                        callsNotMade: rows.reduce(0) { $0 + $1.callsNotMade })
    }
}

extension School {
    /// The sessions of `date` whose registers should be taken by now: those open that day,
    /// and, when `time` is given (the date is today), only those whose register has closed.
    public func registersDue(on date: SchoolDate, time: ClockTime?) -> [SessionHalf] {
        openSessions(on: date).filter { half in time.map { settings.registerTimes.isClosed(half, at: $0) } ?? true }
    }
}
