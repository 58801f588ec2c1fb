import Attendance
import Testing

/// Issue 19, defect 7, list by list: from the day after leaving, a pupil is on none of the
/// lists of pupils to act on, while the school's statistics keep their sessions.
@Suite("Issue 19: a leaver is on no list to act on")
struct OffRollListsTests {
    /// Left on Thursday 23 October after ten school days of unexplained absence (O), with a
    /// follow-up set for the day after, a case open and a contact to ring: on Friday 24th,
    /// nothing lists them but the leaving itself.
    @Test func aLeaverIsOnNoListFromTheDayAfterLeaving() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let left = SchoolDate("2025-10-23")!, after = CaseworkSchool.asOf
        s.pupil("GONE", absent: 20, code: .unknownReason, upTo: left)
        s.pupil("STAYS", absent: 20, code: .unknownReason, upTo: left)
        for upn in ["GONE", "STAYS"] {
            s.school.casework.put(ContactLogEntry(id: "c-\(upn)", upn: upn, kind: .note, on: left, text: "ring again", followUp: after))
        }
        try s.decide("GONE", .enter, to: "step-1", on: left)
        var p = s.school.pupils["GONE"]!
        p.leavingOn = left
        s.school.upsert(p)   // no destination: the LA is told of that

        // The pupil who stays is on each list, so each list would show the leaver too.
        #expect(s.school.callingList(on: after).map(\.pupil.upn) == ["STAYS"])
        #expect(s.school.followUpsDue(on: after).map(\.pupil.upn) == ["STAYS"])
        #expect(s.school.absenceAlerts(on: after).map(\.pupil.upn) == ["STAYS"])
        #expect(s.school.termlyLettersDue(asOf: after).map(\.upn) == ["STAYS"])
        let engine = try #require(CaseworkEngine(school: s.school, asOf: after))
        #expect(engine.recommendations(for: "STAYS").map(\.kind).contains(.enter))
        // Until the closure is recorded, the caseload says only: close it.
        #expect(engine.recommendations(for: "GONE").map(\.kind) == [.close])
        #expect(s.school.penaltyEligibility(for: "GONE", asOf: after).eligibleParents.isEmpty)
        #expect(s.school.penaltyEligibility(for: "GONE", asOf: after).why.contains { $0.contains("left the school on 23 Oct 2025") })
        // Duties: only the leaving, owed to the LA; the run of absence before it is not
        // listed as something still to do for a child no longer on roll.
        #expect(s.school.laDuties(asOf: after).filter { $0.upn == "GONE" }.map(\.kind) == [.leavingNoDestination])
        #expect(s.school.laDuties(asOf: after).filter { $0.upn == "STAYS" }.map(\.kind).contains(.absentTenDays))

        // The closure the rule owes, recorded: then the caseload holds nothing of theirs.
        let owed = s.school.leaversCasesToClose(on: after)
        #expect(owed.map(\.upn) == ["GONE"])
        try s.commit(Transaction(owed.map(Change.caseDecision)), by: StaffMember(login: "office", name: "Olu Office", role: .office))
        #expect(CaseworkEngine(school: s.school, asOf: after)!.recommendations(for: "GONE").isEmpty)
        #expect(s.school.leaversCasesToClose(on: after).isEmpty)

        // On the leaving day itself they were still the school's.
        #expect(s.school.callingList(on: left).map(\.pupil.upn).sorted() == ["GONE", "STAYS"])
        // Statistics count every session up to and including the leaving date.
        let f = s.school.statistics.figures(for: "GONE", in: Statistics.yearToDate(after))
        #expect(f.possible == 78 && f.absent == 20)
    }
}
