import Attendance
import AttendanceStore
import Testing

@Suite struct IllnessTests {
    /// Issue 10, defect 7 (Heath): under a policy that counts days of absence, a child who
    /// has only been ill reached "Stage 5: work with the local authority" (enforcement) and
    /// its letter. Illness is not an enforcement route: it leads to the continuity-of-
    /// education duty and a supportive letter.
    @Test func illnessOnlyAbsenceIsNotAnEnforcementRouteUnderHeath() throws {
        var s = try CaseworkSchool(policy: "heath-primary")
        s.pupil("ILL", absent: 34, code: .illness)          // 17 days of illness, nothing else
        try s.decide("ILL", .enter, to: "stage-3", on: CaseworkSchool.date("2025-10-01"))
        let r = try #require(s.recommendation("ILL"))
        #expect(!["stage-4", "stage-5", "stage-6"].contains(r.recommendedStage ?? "") && r.ruleStage == "stage-3", "\(r)")

        // The illness track offers a supportive letter and the duty to the LA.
        let ill = try #require(s.recommendation("ILL", track: "illness"))
        #expect(ill.kind == .enter && ill.recommendedStage == "continuity-of-education", "\(ill)")
        let stage = try #require(s.school.casework.policy?.track("illness")?.stages.first)
        #expect(stage.actions.contains { $0.template == "illness-support" })
        #expect(!stage.actions.contains { ["la-involvement", "formal-warning", "persistent-absence"].contains($0.template ?? "") })
        #expect(s.school.laDuties(asOf: CaseworkSchool.asOf).contains { $0.upn == "ILL" && $0.kind == .illnessFifteenDays })

        // The same days unauthorised still lead to the LA.
        s.pupil("OFF", absent: 34, code: .unknownReason)
        try s.decide("OFF", .enter, to: "stage-3", on: CaseworkSchool.date("2025-10-01"))
        #expect(s.recommendation("OFF")?.ruleStage == "stage-5")
        #expect(s.recommendation("OFF", track: "illness") == nil)
    }
}
