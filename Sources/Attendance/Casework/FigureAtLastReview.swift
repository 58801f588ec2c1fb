/// What a letter saying attendance "has not improved" compares with (issue 19, defect 2): the
/// figure the case recorded at its decision before the latest one, the review the family last
/// heard from, so the letter can state both figures.
extension School {
    /// The attendance recorded at the decision before the latest one on the pupil's open case
    /// that called for `template` (else their open attendance case), and when; nil when the
    /// case has had only one decision.
    public func attendanceAtPreviousDecision(upn: String, template: String?) -> (percent: Double, on: SchoolDate)? {
        let open = casework.cases(for: upn).filter(\.isOpen)
        let file = open.first { f in template.map { t in f.actions.contains { $0.template == t } } ?? false }
            ?? open.first { $0.track == "attendance" }
        guard let file, file.history.count >= 2 else { return nil }
        let earlier = file.history[file.history.count - 2]
        return earlier.figures.attendancePercent.map { ($0, earlier.on) }
    }
}
