/// The attendance panel's next meeting, from the policy's `panelEveryWeeks`, and the pupils
/// whose case reviews fall due by then: the list the panel needs ready.
public struct PanelMeetingDue: Hashable, Sendable {
    public var on: SchoolDate
    public var everyWeeks: Int
    /// Pupils (roll order) with an open case whose review is due on or before the panel.
    public var dueForReview: [String]
}

extension School {
    /// The first panel on or after `date`: panels meet every `panelEveryWeeks` school weeks
    /// from the first school day of the academic year (weeks with no school day, such as
    /// half-term, do not count). Nil when the policy sets no cycle.
    public func nextPanel(onOrAfter date: SchoolDate) -> PanelMeetingDue? {
        guard let weeks = casework.policy?.panelEveryWeeks, weeks > 0 else { return nil }
        let days = statistics.schoolDays
        let year = AcademicYear(containing: date)
        var panel = year.firstDay
        while !days.isOpen(day: panel), panel < date { panel = panel.adding(days: 1) }
        for _ in 0..<60 where panel < date { panel = days.adding(schoolWeeks: weeks, to: panel) }
        // The few pupils due, put in roll order: not the whole roll sorted to find them (the
        // panel's screen asks this as it is drawn).
        let due = pupils.values.filter { p in
            p.isOnRollForCasework(on: date) && casework.cases(for: p.upn).contains { $0.isOpen && ($0.nextReview.map { $0 <= panel } ?? false) }
        }.sorted(by: School.rollOrder).map(\.upn)
        return PanelMeetingDue(on: panel, everyWeeks: weeks, dueForReview: due)
    }
}
