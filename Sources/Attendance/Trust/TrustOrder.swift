/// How a trust's table is ordered and filtered: the same for the command, its PDF and the app.
public enum TrustSort: String, CaseIterable, Sendable {
    /// Most concern first: LA duties overdue, then the persistent-absence rate, then
    /// unauthorised absence, then attendance (lowest first); the name settles ties.
    case concern
    case name
    case attendance
    case pa
    case sa
    case unauthorised
    case pupils
    case cases
    case duties

    /// Rows in this order (each column's worst or largest first, names A–Z).
    public func sorted(_ rows: [TrustRow]) -> [TrustRow] {
        rows.sorted { a, b in
            switch compare(a, b) {
            case .some(let less): return less
            case .none: return a.name.lowercased() < b.name.lowercased()
            }
        }
    }

    /// True if `a` comes first, false if `b` does, nil on a tie.
    private func compare(_ a: TrustRow, _ b: TrustRow) -> Bool? {
        // A school with no figures (nothing possible yet) goes after those with some.
        func higherFirst(_ x: Double?, _ y: Double?) -> Bool? {
            switch (x, y) {
            case let (x?, y?): return x == y ? nil : x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return nil
            }
        }
        func lowerFirst(_ x: Double?, _ y: Double?) -> Bool? {
            switch (x, y) {
            case let (x?, y?): return x == y ? nil : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return nil
            }
        }
        func more(_ x: Int, _ y: Int) -> Bool? { x == y ? nil : x > y }
        switch self {
        case .concern:
            return more(a.dutiesOverdue, b.dutiesOverdue)
                ?? higherFirst(a.persistentAbsencePercent, b.persistentAbsencePercent)
                ?? higherFirst(a.unauthorisedAbsencePercent, b.unauthorisedAbsencePercent)
                ?? lowerFirst(a.attendancePercent, b.attendancePercent)
        case .name: return nil
        case .attendance: return lowerFirst(a.attendancePercent, b.attendancePercent)
        case .pa: return higherFirst(a.persistentAbsencePercent, b.persistentAbsencePercent)
        case .sa: return higherFirst(a.severeAbsencePercent, b.severeAbsencePercent)
        case .unauthorised: return higherFirst(a.unauthorisedAbsencePercent, b.unauthorisedAbsencePercent)
        case .pupils: return more(a.pupils, b.pupils)
        case .cases: return more(a.openCases, b.openCases)
        case .duties: return more(a.dutiesOwed, b.dutiesOwed)
        }
    }
}

extension Array where Element == TrustRow {
    /// Only the schools of a phase (nil: every school). An all-through school is in both.
    public func only(phase: SchoolPhase?) -> [TrustRow] {
        guard let phase else { return self }
        return filter { $0.phase == phase || ($0.phase == .allThrough && phase != .allThrough) }
    }
}
