import Foundation
import Testing
@testable import Attendance

@Suite("Attendance measures (rules.md worked examples and thresholds)")
struct StatisticsTests {
    let start = Session(SchoolDate("2025-09-01")!, .am)
    let yearEnd = DateRange(SchoolDate("2025-09-01")!, SchoolDate("2026-08-31")!)

    func figures(_ codes: [AttendanceCode]) -> AttendanceFigures {
        var t = TestSchool()
        t.lay(codes, for: "P1", from: start)
        return t.stats.figures(for: "P1", in: yearEnd)
    }

    @Test func workedExample1() {
        let f = figures(repeated([(.presentAM, 30), (.presentPM, 30), (.lateBeforeClose, 3), (.educationalVisit, 2),
                                  (.illness, 4), (.medical, 2), (.unknownReason, 3), (.lateAfterClose, 2)]))
        #expect(f.possible == 76)
        #expect(f.attended == 65)
        #expect(f.authorisedAbsence == 6)
        #expect(f.unauthorisedAbsence == 5)
        #expect(abs(f.attendancePercent! - 85.526315789) < 1e-6)
        #expect(f.isPersistentAbsence)
        #expect(!f.isSevereAbsence)
        #expect(f.lateBeforeClose == 3 && f.lateAfterClose == 2 && f.lateSessions == 5)
    }

    @Test func workedExample2NotPossibleCodesDoNotCount() {
        let f = figures(repeated([(.presentAM, 42), (.presentPM, 42), (.approvedActivity, 2), (.siteClosedUnexpectedly, 4),
                                  (.dualRegistered, 2), (.illness, 6), (.holidayNotGranted, 2)]))
        #expect(f.possible == 94)
        #expect(f.attended == 86)
        #expect(abs(f.attendancePercent! - 91.489361702) < 1e-6)
        #expect(!f.isPersistentAbsence)  // counting Y4 or D as possible would wrongly make this PA
    }

    @Test func workedExample3ExactlyTenPercentIsPersistent() {
        var t = TestSchool()
        let next = t.lay(repeated([(.presentAM, 86), (.presentPM, 85), (.illness, 9)]), for: "P1", from: start)
        // Ten G in one week.
        var monday = next.date
        while monday.weekday != .monday { monday = monday.adding(days: 1) }
        t.lay(Array(repeating: .holidayNotGranted, count: 10), for: "P1", from: Session(monday, .am))
        let f = t.stats.figures(for: "P1", in: yearEnd)
        #expect(f.possible == 190)
        #expect(f.attended == 171)
        #expect(f.attendancePercent == 90.0)
        #expect(f.isPersistentAbsence)
        let recent = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: monday.adding(days: 4))
        #expect(recent.total == 10)
    }

    @Test func oneSessionUnderTenPercentIsNotPersistent() {
        // 190 possible, 18 absent: 10 × 18 = 180 < 190.
        let f = figures(repeated([(.presentAM, 86), (.presentPM, 86), (.illness, 18)]))
        #expect(f.possible == 190 && f.absent == 18)
        #expect(!f.isPersistentAbsence)
        // 19 absent: 190 ≥ 190.
        let g = figures(repeated([(.presentAM, 86), (.presentPM, 85), (.illness, 19)]))
        #expect(g.isPersistentAbsence)
    }

    @Test func persistentIsComputedInIntegersNotFromARoundedPercent() {
        // 1 absent in 10 possible is exactly 10%: PA. 1 in 11 is 9.09%: not.
        #expect(figures(repeated([(.presentAM, 9), (.unknownReason, 1)])).isPersistentAbsence)
        #expect(!figures(repeated([(.presentAM, 10), (.unknownReason, 1)])).isPersistentAbsence)
        // 67 absent of 671 possible is 9.985%, which rounds to 10.0% but is not PA.
        var f = AttendanceFigures()
        for code in repeated([(.presentAM, 604), (.illness, 67)]) { f.add(code) }
        #expect(f.possible == 671)
        #expect(String(format: "%.1f", f.absencePercent!) == "10.0")
        #expect(!f.isPersistentAbsence)
    }

    @Test func workedExample5PartTimeTimetableIsSevere() {
        let f = figures(repeated([(.presentAM, 60), (.partTimeTimetable, 60)]))
        #expect(f.isPersistentAbsence && f.isSevereAbsence)
        let g = figures(repeated([(.presentAM, 61), (.partTimeTimetable, 60)]))
        #expect(!g.isSevereAbsence)
    }

    @Test func midTermJoinerCountsOnlyFromJoining() {
        var t = TestSchool()
        let joined = t.lay(Array(repeating: .notYetOnRoll, count: 20), for: "NEW", from: start)
        t.lay(repeated([(.presentAM, 18), (.illness, 2)]), for: "NEW", from: joined)
        let f = t.stats.figures(for: "NEW", in: yearEnd)
        #expect(f.possible == 20)
        #expect(f.attendancePercent == 90.0)
    }

    @Test func dualRegistrationAndNonCompulsoryAndClosuresDoNotCount() {
        let f = figures(repeated([(.presentAM, 10), (.dualRegistered, 10), (.legacyUnableToAttend, 3), (.otherUnavoidable, 2),
                                  (.noAccessArrangements, 2), (.notCompulsoryAge, 4), (.plannedClosure, 6)]))
        #expect(f.possible == 10)
        #expect(f.attendancePercent == 100)
        let nothing = figures(repeated([(.dualRegistered, 4)]))
        #expect(nothing.possible == 0)
        #expect(nothing.attendancePercent == nil)
        #expect(!nothing.isPersistentAbsence)
    }

    @Test func legacyCodesCount() {
        let f = figures([.legacyAgreedHoliday, .legacyExtendedHoliday, .legacyInterview, .legacyUnableToAttend, .presentAM])
        #expect(f.possible == 4)
        #expect(f.attended == 2)
        #expect(f.authorisedAbsence == 2)
    }

    @Test func minutesLateAreSummedWithinTheRange() {
        var t = TestSchool()
        t.set(.lateBeforeClose, for: "P1", on: "2025-09-02", .am, minutes: 7)
        t.set(.lateAfterClose, for: "P1", on: "2025-09-03", .am, minutes: 40)
        t.set(.lateBeforeClose, for: "P1", on: "2025-10-01", .am, minutes: 3)
        let f = t.stats.figures(for: "P1", in: DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-09-30")!))
        #expect(f.minutesLate == 47)
        #expect(f.lateBeforeClose == 1 && f.lateAfterClose == 1)
    }

    @Test func rangesCanCrossAcademicYears() {
        var t = TestSchool()
        t.days(.unknownReason, for: "P1", ["2025-07-21", "2025-07-22"])
        t.days(.presentAM, for: "P1", ["2025-09-01"])
        let f = t.stats.figures(for: "P1", in: DateRange(SchoolDate("2025-07-01")!, SchoolDate("2025-09-30")!))
        #expect(f.possible == 6)
        #expect(f.unauthorisedAbsence == 4)
    }
}
