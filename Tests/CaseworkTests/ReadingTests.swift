import Attendance
import AttendanceStore
import Testing

@Suite struct ReadingTests {
    /// Issue 10, defect 5: percentages are truncated to one decimal everywhere people read
    /// them (reasons, letters), never rounded up towards or across a threshold; and one day
    /// is "1 day", one session "1 session".
    @Test func percentagesAreTruncatedAndOneIsSingular() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 3)      // 77 of 80: 96.25%, which rounds to 96.3
        s.pupil("P2", absent: 2)      // 78 of 80: 97.5%, 1 day missed
        let r = try #require(s.recommendation("P1"))
        #expect(r.reasons.contains { $0.hasPrefix("attendance 96.2% this year") }, "\(r.reasons)")
        #expect(!r.reasons.joined().contains("96.3"))

        let head = s.school.staff["head"]!
        let one = try Letters.render("attendance-1", school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: head)
        #expect(one.contains("Attendance this academic year: 96.2% (1.5 days missed, 3 sessions)"), "\(one)")
        let two = try Letters.render("attendance-1", school: s.school, upn: "P2", asOf: CaseworkSchool.asOf, signedBy: head)
        #expect(two.contains("(1 day missed, 2 sessions)"), "\(two)")
        #expect(!two.contains("1 days"))

        #expect(PercentText.truncated(96.96) == "96.9")
        #expect(PercentText.truncated(97.0) == "97.0")
        #expect(AttendanceTarget(percent: 96.96, overSchoolWeeks: 1).description == "≥ 96.9% over the next 1 school week")
    }
}
