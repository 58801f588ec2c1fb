/// How urgent a recommendation is, for the panel and `rollcall caseload`: a child who may be
/// missing education comes before a letter. One order, in the domain, so both agree.
public enum CaseUrgency: Int, Comparable, Sendable, CaseIterable {
    /// A run of unexplained absence going on now (the first-day ladder, children missing education).
    case unexplainedRun
    /// Attendance at or below the severe-absence line (50%).
    case severeAbsence
    /// An action the case called for is overdue.
    case overdueAction
    /// Attendance at or below the persistent-absence line (90%).
    case persistentAbsence
    case other

    public static func < (a: CaseUrgency, b: CaseUrgency) -> Bool { a.rawValue < b.rawValue }

    public init(_ r: Recommendation) {
        let percent = r.figures.attendancePercent
        if r.figures.consecutiveUnexplainedDays > 0 {
            self = .unexplainedRun
        } else if let p = percent, p <= AttendanceLine.severeAbsence {
            self = .severeAbsence
        } else if r.kind == .actionOverdue || !r.overdueActions.isEmpty {
            self = .overdueAction
        } else if let p = percent, p <= AttendanceLine.persistentAbsence {
            self = .persistentAbsence
        } else {
            self = .other
        }
    }

    /// Most urgent first: by tier; within one, the longer unexplained run, then the lower
    /// attendance (none known last), then the pupil's name and the track.
    /// `inRollOrder` breaks the last ties (two pupils of the same name on the same track), so
    /// the rows may come in any order.
    public static func ordered(_ rows: [Recommendation], name: (String) -> String,
                               inRollOrder: (String, String) -> Bool = { $0 < $1 }) -> [Recommendation] {
        rows.map { (r: $0, tier: CaseUrgency($0), name: name($0.upn)) }.sorted { a, b in
            if a.tier != b.tier { return a.tier < b.tier }
            let runA = a.r.figures.consecutiveUnexplainedDays, runB = b.r.figures.consecutiveUnexplainedDays
            if runA != runB { return runA > runB }
            let pa = a.r.figures.attendancePercent ?? .infinity, pb = b.r.figures.attendancePercent ?? .infinity
            if pa != pb { return pa < pb }
            let names = NameOrder.compare(a.name, b.name)
            if names != 0 { return names < 0 }
            if (a.name, a.r.track) != (b.name, b.r.track) { return (a.name, a.r.track) < (b.name, b.r.track) }
            return a.r.upn != b.r.upn && inRollOrder(a.r.upn, b.r.upn)
        }.map(\.r)
    }
}

extension CaseworkEngine {
    /// The caseload, most urgent first (`CaseUrgency`).
    public func caseloadMostUrgentFirst() -> [Recommendation] {
        // Every pupil's recommendations in any order (the roll is not sorted to be re-sorted).
        let rows = school.pupils.values.flatMap { recommendations(for: $0.upn) }
        return CaseUrgency.ordered(rows, name: { school.pupils[$0]?.listName ?? $0 }, inRollOrder: { a, b in
            guard let pa = school.pupils[a], let pb = school.pupils[b] else { return a < b }
            return School.rollOrder(pa, pb)
        })
    }
}
