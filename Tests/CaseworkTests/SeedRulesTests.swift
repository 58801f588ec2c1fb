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

    /// A concern raised about a pupil with good attendance took them to Step 1, whose letter
    /// says attendance has fallen below 97%. Bridgewater's Step 4 may be entered directly on a
    /// concern (`enterDirectlyWhen`), and a family arriving there directly is invited to meet
    /// the attendance team (`directEntryActions`), not thanked for a panel they never had.
    @Test func aCauseForConcernGoesStraightToStep4WithAFirstContactLetter() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("GOOD", absent: 0)                                  // 100%
        s.pupil("STEP1", absent: 4)                                 // 95%, a case at Step 1
        s.pupil("PANEL", absent: 9)                                 // 88.75%, a case at Step 2 (the panel)
        try s.decide("STEP1", .enter, to: "step-1", on: CaseworkSchool.date("2025-10-01"))
        for (stage, decision) in [("step-1", StageChange.Decision.enter), ("step-2", .escalate)] {
            try s.decide("PANEL", decision, to: stage, on: CaseworkSchool.date("2025-10-01"))
        }
        let head = s.school.staff["head"]!
        for upn in ["GOOD", "STEP1", "PANEL"] {
            let concern = ContactLogEntry(upn: upn, kind: .note, on: CaseworkSchool.date("2025-10-20"), text: "Worried about home", concern: true)
            try s.commit(Transaction([.contact(concern)]), by: head)
        }
        let good = try #require(s.recommendation("GOOD"))
        #expect(good.kind == .enter && good.recommendedStage == "step-4", "\(good)")
        let jump = try #require(s.recommendation("STEP1"))
        #expect(jump.kind == .escalate && jump.recommendedStage == "step-4", "\(jump)")
        func letters(_ upn: String) -> [String] { s.school.casework.caseFile(upn, track: "attendance")?.actions.compactMap(\.template) ?? [] }
        try s.decide("GOOD", .enter, to: "step-4")
        try s.decide("STEP1", .escalate, to: "step-4")
        try s.decide("PANEL", .escalate, to: "step-4")
        for upn in ["GOOD", "STEP1"] {
            #expect(letters(upn).contains("concern-meeting") && !letters(upn).contains("panel-not-improved"), "\(upn): \(letters(upn))")
        }
        // Reached one stage at a time, after the panel: the follow-up panel letter.
        #expect(letters("PANEL").contains("panel-not-improved") && !letters("PANEL").contains("concern-meeting"), "\(letters("PANEL"))")
        let text = try #require(Letters.templateText("concern-meeting")?.lowercased())
        for presuming in ["thank you for meeting", "not improved", "our last letter", "still"] { #expect(!text.contains(presuming)) }
    }

    /// The panel invitation is for pupils below 90% (a `when`). A pupil invited at 88.75% who
    /// is at 91.3% by the time the letter is due was still chased for it, and the letter
    /// said "below 90%" beside "91.3%". The condition is checked again: the lapsed letter is
    /// not chased, and Letter 2, whose condition holds now, is named instead.
    @Test func aLetterWhoseConditionNoLongerHoldsIsNotChased() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("LOW", absent: 9)                                  // 88.75%
        try s.decide("LOW", .enter, to: "step-1", on: CaseworkSchool.date("2025-10-01"))
        try s.decide("LOW", .escalate, to: "step-2")
        let invitation = try #require(s.school.casework.caseFile("LOW", track: "attendance")?.actions.first { $0.template == "panel-invitation" })
        let late = invitation.due.adding(days: 7)
        #expect(s.recommendation("LOW", asOf: late)?.overdueActions.contains { $0.template == "panel-invitation" } == true)
        s.pupil("LOW", absent: 7)                                  // now above 90%
        let r = try #require(s.recommendation("LOW", asOf: late))
        #expect(!r.overdueActions.contains { $0.template == "panel-invitation" }, "\(r.overdueActions)")
        #expect(r.reasons.contains { $0.contains("no longer called for") && $0.contains("send attendance-2-panel instead") }, "\(r.reasons)")
    }

    /// Bridgewater Park's Appendix 10: pupils below 90% are invited to the panel with their
    /// own letter; the rest get Attendance Letter 2 (an action's `when`).
    @Test func bridgewaterPanelInvitationIsForPupilsBelow90() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("LOW", absent: 9)                                  // 88.75%
        s.pupil("MID", absent: 4)                                  // 95%
        for upn in ["LOW", "MID"] {
            try s.decide(upn, .enter, to: "step-1", on: CaseworkSchool.date("2025-10-01"))
            try s.decide(upn, .escalate, to: "step-2")
        }
        func letters(_ upn: String) -> [String] { s.school.casework.caseFile(upn, track: "attendance")?.actions.compactMap(\.template) ?? [] }
        #expect(letters("LOW").contains("panel-invitation") && !letters("LOW").contains("attendance-2-panel"), "\(letters("LOW"))")
        #expect(letters("MID").contains("attendance-2-panel") && !letters("MID").contains("panel-invitation"), "\(letters("MID"))")
        #expect(LetterTemplateIDs.known.isSuperset(of: ["panel-invitation", "ehe-letter"]))
    }

    /// Bridgewater Park's Appendix 4: nursery children follow their own ladder, in place of
    /// the school-age one.
    @Test func nurseryPupilsFollowTheirOwnLadder() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        var p = s.pupil("NUR", absent: 4)                          // 95%
        p.yearGroup = .nursery
        s.school.upsert(p)
        s.pupil("Y4", absent: 4)
        let engine = try #require(CaseworkEngine(school: s.school, asOf: CaseworkSchool.asOf))
        #expect(engine.recommendations(for: "NUR").map(\.track).contains("attendance_nursery"))
        #expect(!engine.recommendations(for: "NUR").map(\.track).contains("attendance"))
        #expect(engine.recommendations(for: "Y4").map(\.track).contains("attendance"))
        #expect(!engine.recommendations(for: "Y4").map(\.track).contains("attendance_nursery"))
        let nursery = try #require(engine.policy.track("attendance_nursery"))
        let step4 = try #require(nursery.stages.last)
        #expect(!step4.actions.contains { $0.kind == "penalty_notice" } && step4.actions.contains { $0.template == "attendance-2-panel" })
        #expect(!(nursery.stages[1].actions.map(\.description).joined().contains("medical evidence")))
    }

    /// East Sussex's flowchart: a Stage 2 case not better in two weeks meets the class
    /// teacher and gets Letter 2 with agreed actions and a target, before Stage 3.
    @Test func eastSussexLetter2IsAClassTeacherMeeting() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1", absent: 5)                                   // 93.75% now, 100% on 1 Oct
        try s.decide("P1", .enter, to: "stage-2", on: CaseworkSchool.date("2025-10-01"))
        let r = try #require(s.recommendation("P1"))
        #expect(r.kind == .escalate && r.recommendedStage == "stage-2-meeting", "\(r)")
        try s.decide("P1", .escalate, to: "stage-2-meeting")
        let actions = s.school.casework.caseFile("P1", track: "attendance")?.actions ?? []
        #expect(actions.contains { $0.template == "class-teacher-meeting" } && actions.contains { $0.kind == "meeting" })
    }

    /// East Sussex's local authority tiers come with their actions: a pupil is placed in the
    /// tier their attendance is in.
    @Test func eastSussexLATiersHaveTheirActions() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("T2", absent: 8)                                   // 90%
        s.pupil("T3", absent: 20)                                  // 75%
        s.pupil("T4", absent: 44)                                  // 45%
        s.pupil("T1", absent: 4)                                   // 95%: Tier 1, universal
        #expect(s.recommendation("T2", track: "la_tiers")?.recommendedStage == "tier-2")
        #expect(s.recommendation("T3", track: "la_tiers")?.recommendedStage == "tier-3")
        #expect(s.recommendation("T4", track: "la_tiers")?.recommendedStage == "tier-4")
        #expect(s.recommendation("T1", track: "la_tiers") == nil)
        let tiers = try #require(s.school.casework.policy?.track("la_tiers"))
        #expect(tiers.stages.allSatisfy { !$0.actions.isEmpty })
        #expect(tiers.stages[2].actions.contains { $0.description.contains("Early Help Keywork") })
    }
}
