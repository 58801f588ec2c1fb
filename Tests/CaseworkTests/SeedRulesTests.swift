import Attendance
import AttendanceStore
import Testing

/// Issue 10, defect 12: seed rules the presets could not express.
@Suite struct SeedRulesTests {
    /// Bridgewater Park's Step 4 is "below 90% or cause for concern". A concern raised by
    /// staff (a note marked so) is an entry rule; lifting it takes it away.
    @Test func bridgewaterStep4IsBelow90OrCauseForConcern() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 4)                                  // 95%: Step 1 only
        try s.decide("P1", .enter, to: "step-1", on: CaseworkSchool.date("2025-10-01"))
        #expect(s.recommendation("P1")?.ruleStage == "step-1")
        let head = s.school.staff["head"]!
        let raised = ContactLogEntry(upn: "P1", kind: .note, on: CaseworkSchool.date("2025-10-20"), text: "Child says they are being kept home to look after a sibling", concern: true)
        try s.commit(Transaction([.contact(raised)]), by: head)
        let r = try #require(s.recommendation("P1"))
        #expect(r.ruleStage == "step-4", "\(r)")
        #expect(r.reasons.contains { $0.contains("cause for concern raised on 20 Oct 2025 by Hana Head") }, "\(r.reasons)")
        let lifted = ContactLogEntry(upn: "P1", kind: .note, on: CaseworkSchool.date("2025-10-22"), text: "Sibling now at nursery", concern: false)
        try s.commit(Transaction([.contact(lifted)]), by: head)
        #expect(s.recommendation("P1")?.ruleStage == "step-1")
    }
}
