/// A school's phase, as the DfE's national figures are split: primary (nursery to Year 6),
/// secondary (Year 7 up) or all-through (both). Worked out from the year groups on roll,
/// so a store needs no setting for it.
public enum SchoolPhase: String, CaseIterable, Sendable {
    case primary, secondary
    case allThrough = "all-through"

    /// The phase of a set of year groups; nil when there are none.
    public init?(yearGroups: some Sequence<YearGroup>) {
        var primary = false, secondary = false
        for y in yearGroups {
            if y.value <= 6 { primary = true } else { secondary = true }
        }
        switch (primary, secondary) {
        case (true, false): self = .primary
        case (false, true): self = .secondary
        case (true, true): self = .allThrough
        default: return nil
        }
    }
}

extension School {
    /// The school's phase from the pupils on roll on `date` (leavers left out).
    public func phase(on date: SchoolDate) -> SchoolPhase? {
        SchoolPhase(yearGroups: casework(roll: date).map(\.yearGroup))
    }
}
