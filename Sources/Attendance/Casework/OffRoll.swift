/// A pupil who has left is off roll for casework from the day after their leaving date: no
/// new case, call, termly letter or list of pupils to act on includes them, and an open case
/// is closed as "left the school". The statistics still count their sessions up to and
/// including the leaving date, as the DfE's tools do.
extension Pupil {
    /// Whether the pupil is still the school's for casework on `date`.
    public func isOnRollForCasework(on date: SchoolDate) -> Bool {
        leavingOn.map { date <= $0 } ?? true
    }
}

extension School {
    /// The roll as casework sees it on `date`: pupils who have not yet left, in roll order.
    public func casework(roll date: SchoolDate) -> [Pupil] {
        roll.filter { $0.isOnRollForCasework(on: date) }
    }
}
