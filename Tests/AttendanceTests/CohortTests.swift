import Testing
@testable import Attendance

@Suite("Cohort figures")
struct CohortTests {
    func pupil(_ upn: String, year: Int, group: String, cp: Bool = false) -> Pupil {
        var flags = VulnerabilityFlags()
        flags.childProtection = cp
        return Pupil(upn: upn, legalSurname: upn, legalForename: "F", dateOfBirth: SchoolDate("2015-01-01")!,
                     yearGroup: YearGroup(year), registrationGroup: group, flags: flags)
    }

    @Test func groupsAddUpExactly() {
        var t = TestSchool()
        let pupils = [pupil("A", year: 3, group: "3A"), pupil("B", year: 3, group: "3B", cp: true), pupil("C", year: 4, group: "4A")]
        for p in pupils { t.school.upsert(p) }
        let start = Session(SchoolDate("2025-09-01")!, .am)
        t.lay(repeated([(.presentAM, 9), (.illness, 1)]), for: "A", from: start)      // 90%: PA
        t.lay(repeated([(.presentAM, 5), (.unknownReason, 5)]), for: "B", from: start) // 50%: PA, SA
        t.lay(repeated([(.presentAM, 20)]), for: "C", from: start)
        t.lay(repeated([(.dualRegistered, 20)]), for: "D", from: start)
        let range = DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-12-31")!)
        let stats = t.stats
        let whole = stats.cohorts(.wholeSchool, of: t.school.roll, in: range)[0]
        #expect(whole.pupilCount == 3)
        #expect(whole.figures.possible == 40 && whole.figures.attended == 34)
        #expect(whole.persistentAbsentees == 2 && whole.severeAbsentees == 1)
        let years = stats.cohorts(.yearGroup, of: t.school.roll, in: range)
        #expect(years.map(\.name) == ["Y3", "Y4"])
        #expect(years[0].persistentAbsentees == 2)
        let cp = stats.cohorts(.vulnerability, of: t.school.roll, in: range).first { $0.name == "CP" }!
        #expect(cp.pupilCount == 1 && cp.severeAbsentees == 1)
        let classes = stats.cohorts(.registrationGroup, of: t.school.roll, in: range)
        #expect(classes.map(\.name) == ["3A", "3B", "4A"])
    }

    @Test func weekdayPatternAndWeeklyTrend() {
        var t = TestSchool()
        // Three Mondays absent, other days present, over three weeks from 1 Sep 2025.
        for week in 0..<3 {
            for day in 0..<5 {
                let d = SchoolDate("2025-09-01")!.adding(days: week * 7 + day).description
                t.days(day == 0 ? .unknownReason : .presentAM, for: "P1", [d])
            }
        }
        let range = DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-09-21")!)
        let pattern = t.stats.weekdayPattern(for: ["P1"], in: range)
        #expect(pattern[.monday]?.absent == 6)
        #expect(pattern[.tuesday]?.absent == 0)
        let weeks = t.stats.weeklyFigures(for: ["P1"], in: range)
        #expect(weeks.count == 3)
        #expect(weeks[0].figures.attendancePercent == 80)
    }
}
