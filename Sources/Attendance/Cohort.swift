/// A group of pupils reported together: the whole school, a year group, a class, or a
/// vulnerable group (PP, SEND, CLA, CIN, CP …).
public struct CohortFigures: Hashable, Sendable {
    public var name: String
    public var pupilCount: Int
    public var figures: AttendanceFigures
    public var persistentAbsentees: Int
    public var severeAbsentees: Int

    /// Share of pupils (with any possible session) who are persistently absent, as a percentage.
    public var persistentAbsenceRate: Double? {
        pupilCount == 0 ? nil : Double(persistentAbsentees) * 100 / Double(pupilCount)
    }

    public var severeAbsenceRate: Double? {
        pupilCount == 0 ? nil : Double(severeAbsentees) * 100 / Double(pupilCount)
    }
}

public enum CohortGrouping: Sendable {
    case wholeSchool, yearGroup, registrationGroup, vulnerability
}

extension Statistics {
    /// Figures for one named group of pupils. Pupils with no possible session in the period
    /// are left out of the head count, as DfE does for enrolments.
    public func cohort(named name: String, pupils upns: [String], in range: DateRange) -> CohortFigures {
        var c = CohortFigures(name: name, pupilCount: 0, figures: .init(), persistentAbsentees: 0, severeAbsentees: 0)
        for upn in upns {
            let f = figures(for: upn, in: range)
            guard f.possible > 0 else { continue }
            c.pupilCount += 1
            c.figures = c.figures + f
            if f.isPersistentAbsence { c.persistentAbsentees += 1 }
            if f.isSevereAbsence { c.severeAbsentees += 1 }
        }
        return c
    }

    /// The cohorts of one grouping, in a stable order (year groups ascending, flags in DfE order).
    public func cohorts(_ grouping: CohortGrouping, of pupils: [Pupil], in range: DateRange) -> [CohortFigures] {
        switch grouping {
        case .wholeSchool:
            return [cohort(named: "Whole school", pupils: pupils.map(\.upn), in: range)]
        case .yearGroup:
            let groups = Dictionary(grouping: pupils, by: \.yearGroup)
            return groups.keys.sorted().map { cohort(named: $0.description, pupils: groups[$0]!.map(\.upn), in: range) }
        case .registrationGroup:
            let groups = Dictionary(grouping: pupils, by: \.registrationGroup)
            return groups.keys.sorted().map { cohort(named: $0, pupils: groups[$0]!.map(\.upn), in: range) }
        case .vulnerability:
            return VulnerabilityFlags.Flag.allCases.map { flag in
                cohort(named: flag.rawValue, pupils: pupils.filter { $0.flags[flag] }.map(\.upn), in: range)
            }
        }
    }
}
