import Attendance
import AttendanceStore
import Testing

/// Issue 19, items the checklist (notes/i19-checklist.md) found without a test of their own.
@Suite("Issue 19: the rest of the checklist")
struct Issue19GapTests {
    /// Defect 4: below a policy's own line (`laReferralBelowPercent`) and above the
    /// severe-absence line is a duty to the LA of its own kind.
    @Test func belowThePolicysLineIsADuty() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.school.casework.policy?.laReferralBelowPercent = 80
        s.pupil("LOW", absent: 20, code: .illness)   // 60 of 80: 75%
        s.pupil("ABOVE", absent: 12, code: .illness) // 68 of 80: 85%
        let duties = s.school.laDuties(asOf: CaseworkSchool.asOf)
        let low = try #require(duties.first { $0.upn == "LOW" && $0.kind == .belowPolicyLine }, "\(duties)")
        #expect(low.text.contains("75.0%") && low.text.contains("below the policy's line of 80.0%"), "\(low.text)")
        #expect(!duties.contains { $0.upn == "ABOVE" })
        #expect(!duties.contains { $0.upn == "LOW" && $0.kind == .severeAbsence })
    }

    /// Defect 14: Heath's Stage 6 is support and safeguarding, not enforcement: it is not a
    /// stage a pupil needs unauthorised absence to reach.
    @Test func heathStageSixIsNotEnforcement() throws {
        let policy = try PolicyFile.preset("heath-primary")
        let stage = try #require(policy.tracks.flatMap(\.stages).first { $0.id == "stage-6" })
        #expect(!stage.isEnforcement)
        var s = try CaseworkSchool(policy: "heath-primary")
        s.pupil("ILL", absent: 40, code: .illness)
        let r = try #require(s.recommendation("ILL"))
        #expect(r.ruleStage == "stage-6" && !r.reasons.contains { $0.contains("not for a pupil with no unauthorised session") && $0.contains("Stage 6") }, "\(r)")
    }

    /// One rule: "past 6 weeks" had three definitions (school weeks, more than 42 days,
    /// calendar weeks rounded up). It is 6 school weeks, a week of holiday not counted.
    @Test func aPartTimeTimetableIsPastSixSchoolWeeksNotSixCalendarWeeks() {
        let days = CaseworkSchool(policyless: ()).school.statistics.schoolDays
        let t = PartTimeTimetable(id: "t1", upn: "P1", starts: SchoolDate("2025-10-06")!, ends: SchoolDate("2025-12-19")!,
                                  reviewOn: SchoolDate("2025-11-03")!, parentAgreed: true)
        // 6 Oct to 17 Nov is 42 days and 6 calendar weeks, but half-term (27–31 Oct) is
        // not a school week: only 5 have passed.
        #expect(!PartTimeTimetable.isPastSixWeeks(t, asOf: SchoolDate("2025-11-17")!, days: days))
        #expect(PartTimeTimetable.isPastSixWeeks(t, asOf: SchoolDate("2025-11-24")!, days: days))
    }
}

/// Issue 19: "each preset's notes says what now reads differently".
@Suite("Issue 19: the presets say what changed")
struct PresetNotesTests {
    @Test func everyPresetHasANoteOnWhatIssue19Changed() throws {
        for p in try PolicyFile.presets() {
            #expect(p.notes?.contains { $0.hasPrefix("Issue 19:") } == true, "\(p.id)")
        }
    }
}

extension CaseworkSchool {
    /// The test school with no policy, for rules that need only its calendar.
    init(policyless: Void) {
        self = try! CaseworkSchool(policy: "bridgewater-park")
        school.casework.policy = nil
    }
}

/// Issue 19, defect 2: "a letter that says 'not improved' … states both figures". The
/// follow-up panel letter gave only today's; it now gives the figure at the last review too.
@Suite("Issue 19: a not-improved letter states both figures")
struct NotImprovedFiguresTests {
    @Test func thePanelFollowUpLetterStatesTheFigureAtTheLastReviewAndNow() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let review = CaseworkSchool.date("2025-10-10")
        s.pupil("P", absent: 9, upTo: review)          // 51 of 60: 85.0%
        try s.decide("P", .enter, to: "step-1", on: review)
        try s.decide("P", .escalate, to: "step-2", on: review)
        s.pupil("P", absent: 14)                        // 66 of 80: 82.5% on 24 Oct
        try s.decide("P", .escalate, to: "step-4")
        #expect(s.school.casework.caseFile("P", track: "attendance")?.actions.contains { $0.template == "panel-not-improved" } == true)
        let text = try Letters.render("panel-not-improved", school: s.school, upn: "P", asOf: CaseworkSchool.asOf, signedBy: s.school.staff["head"]!)
        #expect(text.contains("has not improved"))
        #expect(text.contains("Attendance this academic year: 82.5%"), "\(text)")
        #expect(text.contains("At our last review, on 10 Oct 2025, it was 85.0%."), "\(text)")
    }
}
