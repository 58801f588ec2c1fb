/// A group of pupils reported together: the whole school, a year group, a class, or a
/// vulnerable group (PP, SEND, CLA, CIN, CP …).
public struct CohortFigures: Hashable, Sendable {
    public var name: String
    public var pupilCount: Int
    public var figures: AttendanceFigures
    public var persistentAbsentees: Int
    public var severeAbsentees: Int

    public init(name: String, pupilCount: Int, figures: AttendanceFigures, persistentAbsentees: Int, severeAbsentees: Int) {
        self.name = name
        self.pupilCount = pupilCount
        self.figures = figures
        self.persistentAbsentees = persistentAbsentees
        self.severeAbsentees = severeAbsentees
    }

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
    /// The whole-school grouping's second row, when there are such pupils.
    public static let notCompulsoryCohortName = "Not of compulsory school age (nursery, under 5, over 15)"

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
            // The DfE's school figures (and PA rate) are for pupils of compulsory school age,
            // 5 to 15 on the 31 August before the year; nursery, under-5s and over-15s are
            // shown separately.
            let before = AcademicYear(containing: range.end).firstDay.adding(days: -1)
            let (counted, others) = pupils.reduce(into: ([String](), [String]())) { acc, p in
                if (5...15).contains(p.age(on: before)) { acc.0.append(p.upn) } else { acc.1.append(p.upn) }
            }
            let whole = cohort(named: "Whole school", pupils: counted, in: range)
            let rest = cohort(named: Self.notCompulsoryCohortName, pupils: others, in: range)
            return rest.pupilCount > 0 ? [whole, rest] : [whole]
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
