import Attendance
import AttendanceStore
import Testing

/// Issue 10: dates the casework names (absent since, due dates, reviews) are school days.
@Suite struct SchoolDayDatesTests {
    /// Issue 10, defect 9: "absent since" names a school day, the first day of the run,
    /// never the weekend or holiday before it.
    @Test func absentSinceNamesASchoolDay() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        // The last 10 sessions before Friday 24 Oct: Monday 20 to Friday 24 Oct, all N.
        s.pupil("P1", absent: 10, code: .reasonNotYetEstablished)
        let stats = s.school.statistics
        #expect(stats.firstDayOfUnexplainedRun(for: "P1", asOf: CaseworkSchool.asOf) == CaseworkSchool.date("2025-10-20"))
        #expect(stats.firstDayOfUnexplainedRun(for: "P1", asOf: CaseworkSchool.date("2025-10-25")) == CaseworkSchool.date("2025-10-20"))
        s.pupil("P2")
        #expect(stats.firstDayOfUnexplainedRun(for: "P2", asOf: CaseworkSchool.asOf) == nil)

        let head = s.school.staff["head"]!
        let letter = try Letters.render("cme-enquiry", school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: head)
        let monday = CaseworkSchool.date("2025-10-20").spoken
        #expect(letter.contains("has not been in school since \(monday)"), "\(letter)")
        // As of the Saturday after, the run still began on the Monday.
        let saturday = try Letters.render("cme-enquiry", school: s.school, upn: "P1", asOf: CaseworkSchool.date("2025-10-25"), signedBy: head)
        #expect(saturday.contains("has not been in school since \(monday)"), "\(saturday)")
    }
}
