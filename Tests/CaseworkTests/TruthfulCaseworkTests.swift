import Attendance
import AttendanceStore
import Testing

/// Issue 19: who is in casework and when a case may open again.
@Suite("Issue 19: cases that open, close and end when they should")
struct TruthfulCaseworkTests {
    let review = SchoolDate("2025-11-28")!  // 4 school weeks after 24 Oct

    /// Defect 8: a case closed as improved reopened the next school day, so a family was
    /// told "attendance has improved" and "has fallen below our target" in one week. After
    /// an improved close, no new case within the policy's weeks, and then only below the
    /// figure it closed on.
    @Test func aCaseClosedAsImprovedDoesNotReopenTheNextDay() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 4)  // 95.0%
        try s.decide("P1", .enter, to: "step-1")
        s.pupil("P1", absent: 4, upTo: review)  // 4 of 120: 96.6%, improved, still below 97%
        #expect(s.recommendation("P1", asOf: review)?.kind == .close)
        try s.decide("P1", .close, to: nil, on: review)
        let monday = SchoolDate("2025-12-01")!
        s.pupil("P1", absent: 4, upTo: monday)
        #expect(s.recommendation("P1", asOf: monday) == nil, "\(String(describing: s.recommendation("P1", asOf: monday)))")
        // Weeks later, no lower than at the close: still no new case.
        let later = SchoolDate("2026-01-16")!
        s.pupil("P1", absent: 0, upTo: later)
        for (i, session) in s.openSessions(upTo: later).enumerated() where i < 4 {
            s.school.register.record(Mark(.illness), for: "P1", at: session)
        }
        #expect(s.recommendation("P1", asOf: later) == nil)
        // Below the close figure (and below 97%), after the quiet weeks: a case opens.
        s.pupil("P1", absent: 12, upTo: later)
        #expect(s.recommendation("P1", asOf: later)?.kind == .enter)
    }

    /// Defect 7: a pupil who has left got a Letter 1 recommendation and a termly letter.
    /// From the day after leaving, the pupil is off roll for casework; an open case is
    /// recommended closed as "left the school". Statistics still count the sessions.
    @Test func aPupilWhoHasLeftIsOffRollForCasework() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 12, code: .unknownReason, upTo: SchoolDate("2025-10-10")!)
        s.pupil("P2", absent: 12, code: .unknownReason, upTo: SchoolDate("2025-10-10")!)
        try s.decide("P2", .enter, to: "step-1", on: SchoolDate("2025-10-10")!)
        for upn in ["P1", "P2"] {
            var p = s.school.pupils[upn]!
            p.leavingOn = SchoolDate("2025-10-10")!
            p.destination = "Another School"
            s.school.upsert(p)
        }
        let engine = CaseworkEngine(school: s.school, asOf: CaseworkSchool.asOf)!
        let caseload = engine.caseload()
        #expect(!caseload.contains { $0.upn == "P1" }, "\(caseload)")
        #expect(caseload.filter { $0.upn == "P2" }.map(\.kind) == [.close], "\(caseload)")
        #expect(caseload.first { $0.upn == "P2" }?.reasons.first?.contains("left the school on 10 Oct 2025") == true)
        #expect(!s.school.termlyLettersDue(asOf: CaseworkSchool.asOf).contains { $0.upn == "P1" || $0.upn == "P2" })
        // On the leaving day itself they are still the school's.
        let onTheDay = CaseworkEngine(school: s.school, asOf: SchoolDate("2025-10-10")!)!
        #expect(onTheDay.caseload().contains { $0.upn == "P1" })
        // The school's statistics still count every session up to the leaving date.
        #expect(s.school.statistics.figures(for: "P1", in: Statistics.yearToDate(CaseworkSchool.asOf)).possible == 60)
    }

    /// Defect 12: Bridgewater's punctuality Step 3 needs more than 10 lates in a half-term;
    /// a review at Step 2 escalated into it with 6.
    @Test func aReviewEscalatesOnlyIntoAStageWhoseRuleHolds() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", lates: 6)
        try s.decide("P1", .enter, to: "step-2", track: "punctuality")
        s.pupil("P1", lates: 8, upTo: review)
        let r = try #require(s.recommendation("P1", track: "punctuality", asOf: review))
        #expect(r.recommendedStage != "step-3", "\(r)")
    }

    /// Defect 14: Heath's Stage 6 ("now considered a Persistently Absent child") left out
    /// illness; persistent absence counts all absence, and the stage is support.
    @Test func heathStageSixCountsIllnessAndIsSupport() throws {
        var s = try CaseworkSchool(policy: "heath-primary")
        s.pupil("P1", absent: 40, code: .illness)  // 20 days of illness
        #expect(s.recommendation("P1")?.ruleStage == "stage-6")
    }
}

@Suite("Issue 19: penalty notices")
struct TruthfulPenaltyTests {
    /// Defect 5: a Reception child with sessions before compulsory school age (31 Dec after
    /// a 5th birthday in October) had them counted towards the threshold of 10.
    @Test func onlySessionsOfCompulsorySchoolAgeCountTowardsTheThreshold() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let asOf = SchoolDate("2026-01-16")!
        var child = s.pupil("R1", upTo: asOf, born: "2020-10-15")   // compulsory from 31 Dec 2025
        child.yearGroup = .reception
        s.school.upsert(child)
        for d in ["2025-12-15", "2025-12-16", "2025-12-17", "2025-12-18", "2026-01-12", "2026-01-13"] {
            s.school.register.record(Mark(.holidayNotGranted), for: "R1", at: Session(SchoolDate(d)!, .am))
            s.school.register.record(Mark(.holidayNotGranted), for: "R1", at: Session(SchoolDate(d)!, .pm))
        }
        s.school.casework.put(Meeting(id: "m1", upn: "R1", on: SchoolDate("2025-12-01")!, attendees: ["Parent One R1"]))
        let check = s.school.penaltyEligibility(for: "R1", asOf: asOf)
        #expect(check.unauthorisedSessions == 4, "\(check.why)")
        #expect(!check.thresholdMet && !check.eligible)
        #expect(check.why.contains { $0.contains("31 Dec 2025") }, "\(check.why)")
    }
}

@Suite("Issue 19: penalty routes and history")
struct PenaltyHistoryTests {
    func school(unauthorised: Int = 10, support: Bool = true) throws -> CaseworkSchool {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1", absent: unauthorised, code: .holidayNotGranted)
        if support { s.school.casework.put(Meeting(id: "m1", upn: "P1", on: SchoolDate("2025-09-15")!, attendees: ["Parent One P1"])) }
        return s
    }

    /// Defect 3: a term-time holiday was refused ("a notice is considered only after support
    /// is offered"); the head may record why support would not be appropriate.
    @Test func theHeadMayRecordThatSupportWouldNotBeAppropriate() throws {
        var s = try school(support: false)
        let plain = s.school.penaltyEligibility(for: "P1", asOf: CaseworkSchool.asOf)
        #expect(!plain.eligible)
        #expect(plain.why.contains { $0.contains("--support-not-appropriate") }, "\(plain.why)")
        let why = "a two-week term-time holiday: no barrier to attendance for support to address"
        let route = s.school.penaltyEligibility(for: "P1", asOf: CaseworkSchool.asOf, supportNotAppropriate: why)
        #expect(route.eligible, "\(route.why)")
        #expect(route.why.contains { $0.contains("support would not be appropriate") && $0.contains(why) })
        let t = s.school.requestingPenaltyNotice(upn: "P1", parent: "Parent One P1", on: CaseworkSchool.asOf, reason: "holiday",
                                                 supportNotAppropriate: why)
        try s.commit(t, by: s.school.staff["head"]!)
        let recorded = try #require(s.school.casework.penaltyNotices["P1"]?.first)
        #expect(recorded.supportNotAppropriate == why)
    }

    /// Defect 6: a notice issued before Rollcall (or by another school) is counted: the next
    /// is £160, not a "first notice £80"; one the LA withdrew is not.
    @Test func penaltyHistoryCanBeMadeRight() throws {
        var s = try school()
        let head = s.school.staff["head"]!
        try s.commit(s.school.recordingPenaltyNotice(upn: "P1", parent: "Parent One P1", issued: SchoolDate("2025-03-10")!,
                                                     amount: 80, school: "Hillside Primary"), by: head)
        let after = s.school.penaltyEligibility(for: "P1", asOf: CaseworkSchool.asOf)
        #expect(after.why.contains { $0.hasPrefix("Parent One P1: second notice") }, "\(after.why)")
        // A member of staff who is not the head may not record one.
        let office = StaffMember(login: "office", name: "Olive Office", role: .office)
        s.school.staff["office"] = office
        #expect(throws: ChangeRefused.self) {
            try s.commit(s.school.recordingPenaltyNotice(upn: "P1", parent: "Parent One P1", issued: SchoolDate("2025-02-10")!,
                                                         amount: 80, school: nil), by: office)
        }
        // Withdrawn by the LA: it no longer counts.
        let withdraw = try s.school.withdrawingPenaltyNotice(upn: "P1", parent: "Parent One P1", issued: SchoolDate("2025-03-10")!,
                                                             reason: "the LA withdrew it: the holiday was authorised after all", on: CaseworkSchool.asOf)
        try s.commit(withdraw, by: head)
        let now = s.school.penaltyEligibility(for: "P1", asOf: CaseworkSchool.asOf)
        #expect(now.why.contains { $0.hasPrefix("Parent One P1: first notice") }, "\(now.why)")
        #expect(s.school.casework.penaltyNotices["P1"]?.first?.withdrawn?.reason.contains("LA withdrew") == true)
        // An amount other than £80 or £160 is refused.
        #expect(throws: ChangeRefused.self) {
            try s.commit(s.school.recordingPenaltyNotice(upn: "P1", parent: "Parent One P1", issued: SchoolDate("2025-01-10")!,
                                                         amount: 100, school: nil), by: head)
        }
    }
}

@Suite("Issue 19: a reopened case")
struct ReopenedCaseTests {
    /// Defect 17: re-opening a closed case brought back its old overdue action beside the
    /// new copy of the same action.
    @Test func aReopenedCaseDoesNotBringBackItsOldOverdueAction() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 4)
        try s.decide("P1", .enter, to: "step-1", on: SchoolDate("2025-09-26")!)   // Letter 1, never sent
        try s.decide("P1", .close, to: nil, on: SchoolDate("2025-10-10")!)
        try s.decide("P1", .enter, to: "step-1", on: SchoolDate("2025-12-01")!)
        let file = try #require(s.school.casework.caseFile("P1", track: "attendance"))
        let overdue = file.overdueActions(asOf: SchoolDate("2025-12-19")!)
        #expect(overdue.filter { $0.template == "attendance-1" }.count == 1, "\(overdue)")
        #expect(overdue.allSatisfy { $0.due >= SchoolDate("2025-12-01")! }, "\(overdue)")
    }
}

@Suite("Issue 19: a plan judged since it began")
struct PlanSinceStageTests {
    /// Defect 11: with no meeting that set a target (a meeting logged without --plan), the
    /// plan was judged on the whole year against 95%, so a plan that met its target still
    /// escalated. It is judged since the stage was entered.
    @Test func aPlanWithNoTargetMeetingIsJudgedSinceTheStageWasEntered() throws {
        var s = try CaseworkSchool(policy: "pa-procedures")
        let sept = Array(Set(s.openSessions(upTo: CaseworkSchool.date("2025-09-30")).map(\.date))).sorted().prefix(12)
        s.pupil("P1", upTo: CaseworkSchool.date("2025-12-19"))
        for d in sept { for h in SessionHalf.allCases { s.school.register.record(Mark(.illness), for: "P1", at: Session(d, h)) } }
        try s.decide("P1", .enter, to: "action-plan", on: CaseworkSchool.date("2025-10-01"))
        s.school.casework.put(Meeting(id: "m1", upn: "P1", track: "attendance", on: CaseworkSchool.date("2025-10-01"), attendees: ["parent", "head"]))
        let review = try #require(s.school.casework.caseFile("P1", track: "attendance")?.nextReview)
        let r = try #require(s.recommendation("P1", asOf: review))
        #expect(r.kind == .close, "\(r)")
        #expect(r.reasons.contains { $0.contains("since the stage began on 1 Oct 2025") }, "\(r.reasons)")
    }
}
