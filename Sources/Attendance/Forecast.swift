/// How much room a pupil has left this year: the sessions they can still miss before their
/// attendance falls to the persistent-absence line (90%) or below the school's target, and
/// the unauthorised sessions left before the penalty-notice threshold (10 in 10 school weeks).
public struct AttendanceForecast: Hashable, Sendable {
    /// Open sessions after the date, to the end of the academic year (from the calendar, or
    /// estimated as 380 a year less those already open when there is no calendar).
    public var remainingSessions: Int
    /// nil when the pupil is already past the line whatever happens.
    public var canMissBeforePersistentAbsence: Int?
    public var canMissBeforeTarget: Int?
    public var target: Double?
    public var unauthorisedBeforePenaltyThreshold: Int
}

extension School {
    public func forecast(for upn: String, asOf date: SchoolDate, targetPercent: Double?) -> AttendanceForecast {
        let stats = statistics
        let year = AcademicYear(containing: date)
        let f = stats.figures(for: upn, in: Statistics.yearToDate(date))
        let remaining: Int
        if date >= year.lastDay {
            remaining = 0
        } else if calendar?.covers(date) == true {
            remaining = stats.schoolDays.openSessionCount(in: DateRange(date.adding(days: 1), year.lastDay))
        } else {
            remaining = max(0, 380 - stats.schoolDays.openSessionCount(in: Statistics.yearToDate(date)))
        }
        let finalPossible = f.possible + remaining
        // Largest m with 10 × (absent + m) < possible: one session short of the line.
        let pa = finalPossible > 0 ? (finalPossible - 1) / 10 - f.absent : -1
        var target: Int?
        if let t = targetPercent, finalPossible > 0 {
            // Largest m with (attended + remaining − m) × 100 ≥ t × possible.
            let m = Int((Double(f.attended + remaining) - t * Double(finalPossible) / 100).rounded(.down))
            target = m >= 0 ? m : nil
        }
        let recent = stats.unauthorisedInRecentSchoolWeeks(for: upn, asOf: date)
        return AttendanceForecast(remainingSessions: remaining, canMissBeforePersistentAbsence: pa >= 0 ? min(pa, remaining) : nil,
                                  canMissBeforeTarget: target.map { min($0, remaining) }, target: targetPercent,
                                  unauthorisedBeforePenaltyThreshold: max(0, PenaltyEligibility.thresholdSessions - recent.total))
    }
}
