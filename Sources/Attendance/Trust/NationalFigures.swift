/// The DfE's published national absence figures (`Data/national/`), as data: each figure
/// names the release and the part of it it was copied from, and none is worked out here.
public struct NationalFigures: Sendable, Codable, Equatable {
    public enum Phase: String, Sendable, Codable, CaseIterable { case all, primary, secondary }
    /// A whole academic year, or its autumn term.
    public enum Period: String, Sendable, Codable { case year, autumn }
    public enum Measure: String, Sendable, Codable, CaseIterable {
        case overallAbsence = "overall_absence"
        case authorisedAbsence = "authorised_absence"
        case unauthorisedAbsence = "unauthorised_absence"
        case persistentAbsence = "persistent_absence"
        case severeAbsence = "severe_absence"

        public var label: String {
            switch self {
            case .overallAbsence: return "Absence %"
            case .authorisedAbsence: return "Authorised %"
            case .unauthorisedAbsence: return "Unauthorised %"
            case .persistentAbsence: return "PA %"
            case .severeAbsence: return "SA %"
            }
        }
    }

    public struct Release: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var publisher: String
        public var url: String
        /// The publication date as the release gives it; nil where it was not read.
        public var published: String?
    }

    public struct Figure: Sendable, Codable, Equatable {
        /// "2023/24"
        public var year: String
        public var period: Period
        public var phase: Phase
        public var measure: Measure
        public var percent: Double
        /// A `Release.id`.
        public var release: String
        /// The table or section of the release the figure is in.
        public var table: String
    }

    public var schemaVersion: Int
    public var about: String
    public var notes: [String]
    public var releases: [Release]
    public var figures: [Figure]

    /// What is wrong with the file: a figure with no known release or no table, a percentage
    /// outside 0–100, a year not written "2023/24", the same figure twice.
    public func problems() -> [String] {
        var out: [String] = []
        let ids = Set(releases.map(\.id))
        if ids.count != releases.count { out.append("two releases have the same id") }
        for r in releases where r.title.isEmpty || r.url.isEmpty { out.append("release \(r.id) needs a title and an address") }
        var seen = Set<String>()
        for (i, f) in figures.enumerated() {
            let at = "figures[\(i)]"
            if !ids.contains(f.release) { out.append("\(at): release \"\(f.release)\" is not listed") }
            if f.table.trimmingSpaces().isEmpty { out.append("\(at): names no table") }
            if !(0...100).contains(f.percent) || f.percent.isNaN { out.append("\(at): \(f.percent) is not a percentage") }
            if Self.startYear(f.year) == nil { out.append("\(at): year \"\(f.year)\" is not like 2023/24") }
            if !seen.insert("\(f.year)|\(f.period)|\(f.phase)|\(f.measure)").inserted { out.append("\(at): the same figure twice") }
        }
        return out
    }

    /// 2023 for "2023/24".
    static func startYear(_ year: String) -> Int? {
        let parts = year.split(separator: "/")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), parts[0].count == 4, parts[1].count == 2,
              (a + 1) % 100 == b else { return nil }
        return a
    }

    /// The national figures to set beside a school's (or a trust's) year to `date`: the same
    /// kind of period (the autumn term for a date before January, else the whole year) and
    /// phase, for the academic year of `date` if published, else the latest before it. An
    /// all-through school, or a trust of both phases, is set beside all schools.
    public func line(for phase: SchoolPhase?, asOf date: SchoolDate) -> NationalLine? {
        let wanted: Phase = phase == .primary ? .primary : phase == .secondary ? .secondary : .all
        let year = AcademicYear(containing: date)
        let period: Period = date.components.month >= 9 ? .autumn : .year
        let candidates = figures.filter { $0.phase == wanted && $0.period == period }
        let years = Set(candidates.compactMap { Self.startYear($0.year) }).filter { $0 <= year.startYear }
        guard let chosen = years.max() else { return nil }
        let these = candidates.filter { Self.startYear($0.year) == chosen }
        var values: [Measure: Double] = [:]
        for f in these { values[f.measure] = f.percent }
        let used = Set(these.map(\.release))
        return NationalLine(year: these[0].year, period: period, phase: wanted, values: values,
                            releases: releases.filter { used.contains($0.id) },
                            tables: Dictionary(these.map { ($0.measure, $0.table) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// The national figures for one phase and period, with the releases they come from.
public struct NationalLine: Sendable, Equatable {
    public var year: String
    public var period: NationalFigures.Period
    public var phase: NationalFigures.Phase
    public var values: [NationalFigures.Measure: Double]
    public var releases: [NationalFigures.Release]
    public var tables: [NationalFigures.Measure: String]

    /// "England, state-funded primary schools, academic year 2023/24"
    public var label: String {
        let who: String
        switch phase {
        case .all: who = "all state-funded schools"
        case .primary: who = "state-funded primary schools"
        case .secondary: who = "state-funded secondary schools"
        }
        return "England, \(who), \(period == .autumn ? "autumn term" : "academic year") \(year)"
    }

    /// "DfE, Pupil absence in schools in England: academic year 2023/24 (address)"
    public var source: String {
        releases.map { "\($0.publisher), \($0.title)\($0.published.map { ", published \($0)" } ?? "") (\($0.url))" }.joined(separator: "; ")
    }

    /// The measures the release gives, in the order of `Measure.allCases`.
    public var measures: [NationalFigures.Measure] { NationalFigures.Measure.allCases.filter { values[$0] != nil } }
}

extension CohortFigures {
    /// The group's figure for a national measure, worked out as the DfE does: sessions over
    /// possible sessions, pupils over pupils.
    public func percent(_ measure: NationalFigures.Measure) -> Double? {
        let f = figures
        func share(_ n: Int) -> Double? { f.possible == 0 ? nil : Double(n) * 100 / Double(f.possible) }
        switch measure {
        case .overallAbsence: return share(f.absent)
        case .authorisedAbsence: return share(f.authorisedAbsence)
        case .unauthorisedAbsence: return share(f.unauthorisedAbsence)
        case .persistentAbsence: return persistentAbsenceRate
        case .severeAbsence: return severeAbsenceRate
        }
    }
}
