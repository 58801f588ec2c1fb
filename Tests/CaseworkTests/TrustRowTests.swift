import Attendance
import AttendanceStore
import Foundation
import Testing

/// The trust view's rules in the domain (issue 23): stage families from each policy, the
/// total from sums, the concern order, the phase filter, and the national figures' file.
@Suite struct TrustRowTests {
    static let date = SchoolDate(year: 2026, month: 11, day: 30)!

    func row(_ name: String, phase: SchoolPhase?, pupils: Int, attended: Int, absent: Int, pa: Int, overdue: Int = 0) -> TrustRow {
        var f = AttendanceFigures()
        for _ in 0..<attended { f.add(.presentAM) }
        for _ in 0..<absent { f.add(.unknownReason) }
        let c = CohortFigures(name: "Whole school", pupilCount: pupils, figures: f, persistentAbsentees: pa, severeAbsentees: 0)
        return TrustRow(name: name, phase: phase, asOf: Self.date, period: Statistics.yearToDate(Self.date), figures: c,
                        pupilsAtStage: [.earlySupport: pa], openCases: pa, dutiesOwed: overdue, dutiesOverdue: overdue,
                        registersNotTaken: 0, callsNotMade: 0)
    }

    @Test func theTotalIsFromTheSumsNotAnAverageOfPercentages() {
        // 1 of 10 pupils PA in a small school, 50 of 100 in a large one: 51 of 110, not (10% + 50%) / 2.
        let rows = [row("Small", phase: .primary, pupils: 10, attended: 90, absent: 10, pa: 1),
                    row("Large", phase: .primary, pupils: 100, attended: 500, absent: 500, pa: 50)]
        let total = TrustRow.total(of: rows, asOf: Self.date)
        #expect(total.pupils == 110 && total.figures.persistentAbsentees == 51 && total.pupils(at: .earlySupport) == 51)
        #expect(total.persistentAbsencePercent == 51.0 * 100 / 110)
        #expect(total.attendancePercent == 590.0 * 100 / 1100)
        #expect(total.persistentAbsencePercent != 30)
        #expect(total.phase == .primary)
        #expect(TrustRow.total(of: rows + [row("Sec", phase: .secondary, pupils: 1, attended: 1, absent: 0, pa: 0)], asOf: Self.date).phase == .allThrough)
    }

    @Test func mostConcernFirstThenByEachColumn() {
        let a = row("Alpha", phase: .primary, pupils: 10, attended: 95, absent: 5, pa: 1)
        let b = row("Beta", phase: .secondary, pupils: 10, attended: 80, absent: 20, pa: 4)
        let c = row("Gamma", phase: .primary, pupils: 10, attended: 99, absent: 1, pa: 0, overdue: 2)
        #expect(TrustSort.concern.sorted([a, b, c]).map(\.name) == ["Gamma", "Beta", "Alpha"])
        #expect(TrustSort.attendance.sorted([a, b, c]).map(\.name) == ["Beta", "Alpha", "Gamma"])
        #expect(TrustSort.name.sorted([c, b, a]).map(\.name) == ["Alpha", "Beta", "Gamma"])
        #expect([a, b, c].only(phase: .primary).map(\.name) == ["Alpha", "Gamma"])
        #expect([a, b, c].only(phase: nil).count == 3)
    }

    @Test func phaseFromTheYearGroupsOnRoll() {
        #expect(SchoolPhase(yearGroups: [.reception, YearGroup(6)]) == .primary)
        #expect(SchoolPhase(yearGroups: [YearGroup(7), YearGroup(11)]) == .secondary)
        #expect(SchoolPhase(yearGroups: [YearGroup(3), YearGroup(9)]) == .allThrough)
        #expect(SchoolPhase(yearGroups: [YearGroup]()) == nil)
    }

    @Test func everyPresetsStagesFallIntoAFamilyByWhatTheyDo() throws {
        let presets = try PolicyFile.presets()
        for policy in presets {
            for track in policy.tracks {
                for stage in track.stages {
                    let kinds = stage.actions.map(\.kind)
                    if kinds.contains("report_to_la") { #expect(stage.family == .la, "\(policy.id) \(stage.id)") }
                    else if stage.isEnforcement { #expect(stage.family == .enforcement, "\(policy.id) \(stage.id)") }
                }
            }
        }
        let bands = try #require(presets.first { $0.id == "attendance-bands" })
        let attendance = try #require(bands.track("attendance"))
        #expect(attendance.stages.map(\.family) == [.earlySupport, .intervention, .enforcement, .enforcement])
    }

    @Test func theShippedNationalFiguresAreValidAndEachNamesItsSource() throws {
        let national = try NationalFiguresFile.load()
        #expect(national.problems().isEmpty)
        #expect(!national.figures.isEmpty)
        let releases = Dictionary(uniqueKeysWithValues: national.releases.map { ($0.id, $0) })
        for f in national.figures {
            let release = try #require(releases[f.release], "\(f)")
            #expect(release.url.hasPrefix("https://explore-education-statistics.service.gov.uk/"), "\(release.url)")
            #expect(release.title.contains("Pupil absence in schools in England"))
            #expect(!f.table.isEmpty && (0...100).contains(f.percent), "\(f)")
        }
        // At least two full academic years and an autumn term, for each phase.
        for phase in NationalFigures.Phase.allCases {
            let years = Set(national.figures.filter { $0.phase == phase && $0.period == .year }.map(\.year))
            #expect(years.count >= 2, "\(phase)")
            #expect(national.figures.contains { $0.phase == phase && $0.period == .autumn }, "\(phase)")
        }
        // The comparison takes the same kind of period and phase.
        let autumn = try #require(national.line(for: .primary, asOf: Self.date))
        #expect(autumn.period == .autumn && autumn.phase == .primary && autumn.values[.overallAbsence] != nil)
        let summer = try #require(national.line(for: .secondary, asOf: SchoolDate(year: 2025, month: 6, day: 30)!))
        #expect(summer.period == .year && summer.year == "2023/24" && summer.phase == .secondary)
        #expect(national.line(for: .allThrough, asOf: Self.date)?.phase == .all)
    }

    @Test func aNationalFileWithoutItsSourceOrWithAFigureOutOfRangeIsRefused() throws {
        let good = try NationalFiguresFile.load()
        var bad = good
        bad.figures[0].release = "nowhere"
        bad.figures[1].table = " "
        bad.figures[2].percent = 140
        bad.figures[3].year = "2023-24"
        let problems = bad.problems()
        #expect(problems.count == 4, "\(problems)")
        #expect(throws: StoreError.self) {
            try NationalFiguresFile.decode(Data(#"{"schemaVersion": 1, "about": "", "notes": [], "releases": [], "figures": [{"year": "2023/24", "period": "year", "phase": "all", "measure": "overall_absence", "percent": 7.1, "release": "x", "table": "t"}]}"#.utf8))
        }
    }
}
