import Attendance
import AttendanceStore
import Testing

@Suite struct LetterVariablesTests {
    /// A pupil with a full case: below target, late this half-term, missing since Wednesday
    /// (N), an action-plan meeting with a target and a review date, and a case reviewed once
    /// since it opened (what a "not improved" letter compares with).
    static func fullCase() throws -> CaseworkSchool {
        var s = try CaseworkSchool(policy: "pa-procedures")
        s.pupil("P1", absent: 6, code: .reasonNotYetEstablished, lates: 3)
        try s.decide("P1", .enter, to: "plan-invitation", on: CaseworkSchool.date("2025-10-01"))
        try s.decide("P1", .escalate, to: "action-plan", on: CaseworkSchool.date("2025-10-13"))
        s.school.casework.put(Meeting(id: "m1", upn: "P1", on: CaseworkSchool.date("2025-10-13"), attendees: ["Parent One P1", "Hana Head"],
                                      target: AttendanceTarget(percent: 95, overSchoolWeeks: 6),
                                      nextReview: CaseworkSchool.date("2025-11-21"), isActionPlan: true))
        return s
    }

    /// Issue 10, defect 8: a plan letter drops the plan. Every template's variables are
    /// supplied by the renderer (the meeting's target and review date from the pupil's
    /// latest meeting when none are given), so no letter for a pupil with a full case has a
    /// blank; a variable with no value is an error naming it, never a blank in a letter.
    @Test func aPlanLetterKeepsThePlanAndNoLetterHasABlank() throws {
        let s = try Self.fullCase()
        let head = s.school.staff["head"]!
        let cover = try Letters.render("plan-cover", school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: head)
        #expect(cover.contains("with its target of ≥ 95.0% over the next 6 school weeks"), "\(cover)")
        #expect(cover.contains("We will review the plan on \(CaseworkSchool.date("2025-11-21").spoken)."), "\(cover)")

        // The invitations name the meeting being arranged, given as `rollcall letter --meeting`
        // gives it; the target and review date still come from the latest meeting.
        let invitation = Letters.Details(meetingDate: CaseworkSchool.date("2025-11-05"))
        for id in Letters.templateIDs {
            #expect(try Letters.unfilledVariables(id, school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: head, details: invitation) == [], "\(id)")
            let text = try Letters.render(id, school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: head, details: invitation)
            for blank in ["  ", " .", " ,", "since and", "of .", "on ."] {
                #expect(!text.split(separator: "\n").contains { $0.contains(blank) }, "\(id): \"\(blank)\" in \(text)")
            }
        }

        // A pupil not missing has no "absent since": the letter that needs it is refused,
        // naming the variable, rather than sent with a gap.
        var t = s
        t.pupil("P2")
        #expect {
            try Letters.render("cme-enquiry", school: t.school, upn: "P2", asOf: CaseworkSchool.asOf, signedBy: head)
        } throws: { "\($0)".contains("absentSince") }
    }
}
