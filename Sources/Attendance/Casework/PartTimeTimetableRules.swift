/// The one rule for how long a part-time timetable has run: the duties to the LA, the
/// data-quality report and the screens all ask it, so "past 6 weeks" means one thing.
extension PartTimeTimetable {
    /// Part-time timetables are meant to be short: past this many school weeks they are
    /// reported (weeks with no school day, such as half-term, do not count).
    public static let reportAfterSchoolWeeks = 6

    /// Whether the timetable has run past 6 school weeks by `date`: `date` is on or after the
    /// first day after 6 school weeks from its start, and it has not ended before then.
    public static func isPastSixWeeks(_ t: PartTimeTimetable, asOf date: SchoolDate, days: SchoolDays) -> Bool {
        let after = days.afterSchoolWeeks(reportAfterSchoolWeeks, from: t.starts)
        return date >= after && t.ends >= after
    }
}
