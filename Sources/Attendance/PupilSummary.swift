/// One pupil's figures as of a date: what the stats command prints and the casework reads.
public struct PupilSummary: Hashable, Sendable {
    public var upn: String
    public var asOf: SchoolDate
    /// The academic year up to and including `asOf`.
    public var yearToDate: AttendanceFigures
    public var recentUnauthorised: Statistics.RecentUnauthorised
    public var consecutiveUnexplainedDays: Int
}

extension Statistics {
    public func summary(for upn: String, asOf date: SchoolDate) -> PupilSummary {
        PupilSummary(upn: upn, asOf: date,
                     yearToDate: figures(for: upn, in: Statistics.yearToDate(date)),
                     recentUnauthorised: unauthorisedInRecentSchoolWeeks(for: upn, asOf: date),
                     consecutiveUnexplainedDays: consecutiveUnexplainedDays(for: upn, asOf: date))
    }
}
