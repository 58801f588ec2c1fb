/// A pupil who is persistently (10% or more) or severely (50% or more) absent in a period,
/// with their figures and the stages of their open cases.
public struct PersistentAbsentee: Sendable {
    public var pupil: Pupil
    public var figures: AttendanceFigures
    public var stages: [String]
}

extension School {
    /// Everyone on roll who is persistently absent in `range`, severe absentees first, then
    /// the lowest attendance first.
    public func persistentAbsentees(in range: DateRange) -> [PersistentAbsentee] {
        let stats = statistics
        return roll.compactMap { p -> PersistentAbsentee? in
            let f = stats.figures(for: p.upn, in: range)
            guard f.isPersistentAbsence else { return nil }
            let stages = casework.cases(for: p.upn).filter(\.isOpen).map { "\($0.track): \($0.stage ?? "")" }
            return PersistentAbsentee(pupil: p, figures: f, stages: stages)
        }.sorted { a, b in
            if a.figures.isSevereAbsence != b.figures.isSevereAbsence { return a.figures.isSevereAbsence }
            // attended/possible compared without division: lower attendance first.
            let l = a.figures.attended * b.figures.possible, r = b.figures.attended * a.figures.possible
            return l != r ? l < r : School.rollOrder(a.pupil, b.pupil)
        }
    }
}
