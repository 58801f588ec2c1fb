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

    /// Issue 10, defect 10: due dates and reviews count school days and school weeks from the
    /// calendar. A review "in 4 weeks" set before half-term does not land in the holiday, and
    /// nothing falls due on a Saturday.
    @Test func dueDatesAndReviewsUseSchoolDays() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 8, upTo: CaseworkSchool.date("2025-10-22"))
        // Step 1 on Wednesday 22 Oct, the week before half-term (27–31 Oct): its letter is
        // due within 5 school days (Wed 5 Nov, not Mon 27 Oct in the holiday), and its review
        // is 4 school weeks on (Wed 26 Nov, not Wed 19 Nov).
        try s.decide("P1", .enter, to: "step-1", on: CaseworkSchool.date("2025-10-22"))
        let file = try #require(s.school.casework.caseFile("P1", track: "attendance"))
        #expect(file.actions.map(\.due) == [CaseworkSchool.date("2025-11-05")], "\(file.actions)")
        #expect(file.nextReview == CaseworkSchool.date("2025-11-26"))

        // Set on Monday 20 Oct, the letter would have fallen due on Saturday 25 Oct.
        s.pupil("P2", absent: 8, upTo: CaseworkSchool.date("2025-10-20"))
        try s.decide("P2", .enter, to: "step-1", on: CaseworkSchool.date("2025-10-20"))
        let due = try #require(s.school.casework.caseFile("P2", track: "attendance")?.actions.first?.due)
        #expect(due == CaseworkSchool.date("2025-11-03"))

        // The domain's counting, and its fallback to weekdays where the calendar has no terms.
        let days = s.school.statistics.schoolDays
        #expect(days.adding(schoolDays: 1, to: CaseworkSchool.date("2025-10-24")) == CaseworkSchool.date("2025-11-03"))
        #expect(days.adding(schoolDays: 0, to: CaseworkSchool.date("2025-10-25")) == CaseworkSchool.date("2025-11-03"))
        #expect(days.adding(schoolWeeks: 1, to: CaseworkSchool.date("2025-10-24")) == CaseworkSchool.date("2025-11-07"))
        #expect(days.adding(schoolDays: 1, to: CaseworkSchool.date("2027-10-22")) == CaseworkSchool.date("2027-10-25"))
        #expect(days.adding(schoolWeeks: 2, to: CaseworkSchool.date("2027-10-20")) == CaseworkSchool.date("2027-11-03"))
    }
}
