import Attendance
import AttendanceStore
import Testing

@Suite struct EarlyInTheYearTests {
    /// Issue 10, defect 13: early in the year one day off makes a pupil "below 90%", and
    /// the engine escalated to the most serious step. Attendance-percentage rules apply only
    /// once the pupil has had the policy's minimum of possible sessions this year (by
    /// default 40, 20 school days), and the reasons say so.
    @Test func percentageRulesWaitForAMinimumOfPossibleSessions() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        #expect(s.school.casework.policy?.minimumPossibleSessions == nil)
        #expect(s.school.casework.policy?.percentRulesFromSessions == 40)
        let friday = CaseworkSchool.date("2025-09-05")  // 5 school days, 10 sessions
        s.pupil("P1", absent: 2, upTo: friday)          // one day off: 80%
        #expect(s.recommendation("P1", asOf: friday) == nil)

        // A case already open at Step 1 is held there, not escalated to Step 4 (below 90%).
        s.pupil("P2", absent: 2, upTo: friday)
        try s.decide("P2", .enter, to: "step-1", on: CaseworkSchool.date("2025-09-01"))
        let r = try #require(s.recommendation("P2", asOf: friday))
        #expect(r.kind == .hold && r.recommendedStage == "step-1", "\(r)")
        #expect(r.reasons.contains("attendance percentages count from 40 possible sessions (20 school days); 10 so far"), "\(r.reasons)")

        // From the 40th possible session (Friday 26 Sep, 20 school days) they apply.
        let twentyDays = CaseworkSchool.date("2025-09-26")
        s.pupil("P3", absent: 5, upTo: twentyDays)      // 35 of 40: 87.5%
        let after = try #require(s.recommendation("P3", asOf: twentyDays))
        #expect(after.kind == .enter && after.recommendedStage == "step-1")
        #expect(!after.reasons.contains { $0.contains("count from") })

        // A policy can set its own minimum.
        s.school.casework.policy?.minimumPossibleSessions = 10
        #expect(s.recommendation("P1", asOf: friday)?.recommendedStage == "step-1")
    }
}
