import Attendance
import AttendanceStore
import Testing

/// Rules every front end shares, which used to live in the command-line layer.
@Suite("Rules the domain owns for every front end")
struct DomainRulesTests {
    let head = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)

    @Test func openSessionsAndTheRollForASession() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1")
        s.pupil("P2")
        let monday = SchoolDate("2025-09-08")!
        #expect(s.school.openSessions(on: monday) == [.am, .pm])
        #expect(s.school.openSessions(on: SchoolDate("2025-10-28")!).isEmpty)  // half-term
        s.school.register.record(Mark(.notYetOnRoll), for: "P2", at: Session(monday, .pm))
        #expect(s.school.onRoll(at: Session(monday, .am)).map(\.upn) == ["P1", "P2"])
        #expect(s.school.onRoll(at: Session(monday, .pm)).map(\.upn) == ["P1"])
        #expect(s.school.registrationGroups == ["4A"])
    }

    @Test func eitherPresentMarkIsRecordedAsTheSessionsOwn() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1", upTo: SchoolDate("2025-09-05")!)
        let monday = SchoolDate("2025-09-08")!
        try s.commit(Transaction([.mark(MarkChange(upn: "P1", session: Session(monday, .am), mark: Mark(.presentPM))),
                                  .mark(MarkChange(upn: "P1", session: Session(monday, .pm), mark: Mark(.presentAM)))]), by: head)
        #expect(s.school.register.mark(for: "P1", at: Session(monday, .am))?.code == .present(for: .am))
        #expect(s.school.register.mark(for: "P1", at: Session(monday, .pm))?.code == .presentPM)
    }

    @Test func minutesLateOnlyWithLOrU() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1", upTo: SchoolDate("2025-09-05")!)
        let t = Transaction([.mark(MarkChange(upn: "P1", session: Session(SchoolDate("2025-09-08")!, .am), mark: Mark(.illness, minutesLate: 5)))])
        #expect { try s.commit(t, by: head) } throws: { ($0 as? ChangeRefused)?.kind == .invalid && "\($0)".contains("only with L or U") }
    }

    @Test func aCallsReasonMustBeAnAbsenceCode() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1")
        let call = ContactLogEntry(upn: "P1", kind: .call, on: CaseworkSchool.asOf, time: "09:10", contactName: "Parent One P1",
                                   outcome: .spoke, reasonCode: .presentAM, text: "")
        #expect { try s.commit(Transaction([.contact(call)]), by: head) } throws: { ($0 as? ChangeRefused)?.kind == .invalid }
        var ill = call
        ill.reasonCode = .illness
        try s.commit(Transaction([.contact(ill)]), by: head)
    }

    @Test func thePenaltyAmountIsFilledInAndChecked() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1", absent: 10, code: .holidayNotGranted)
        s.school.casework.put(Meeting(id: "m1", upn: "P1", on: SchoolDate("2025-09-15")!, attendees: ["Parent One P1"]))
        let zero = PenaltyNoticeRequest(upn: "P1", parent: "Parent One P1", on: CaseworkSchool.asOf, amount: 0, amountIfLate: 0,
                                        unauthorisedSessions: 10, reason: "holiday")
        var wrong = zero
        (wrong.amount, wrong.amountIfLate) = (160, 160)
        #expect { try s.commit(Transaction([.penaltyNotice(wrong)]), by: head) } throws: {
            ($0 as? ChangeRefused)?.kind == .invalid && "\($0)".contains("is £80 (£160 after 21 days), not £160")
        }
        try s.commit(Transaction([.penaltyNotice(zero)]), by: head)
        #expect(s.school.casework.penaltyNotices["P1"]?.map(\.amount) == [80])
        #expect(s.school.casework.penaltyNotices["P1"]?.map(\.amountIfLate) == [160])
        // The same sessions again: refused (issue 10, defect 3).
        #expect(throws: ChangeRefused.self) { try s.commit(Transaction([.penaltyNotice(zero)]), by: head) }
        // A second notice to the same parent within 3 years, for 10 sessions since: £160, no discount.
        for d in DateRange(SchoolDate("2025-11-03")!, SchoolDate("2025-11-07")!).days {
            for h in SessionHalf.allCases { s.school.register.record(Mark(.holidayNotGranted), for: "P1", at: Session(d, h)) }
        }
        var later = zero
        later.on = SchoolDate("2025-11-07")!
        try s.commit(Transaction([.penaltyNotice(later)]), by: head)
        #expect(s.school.casework.penaltyNotices["P1"]?.map(\.amount) == [80, 160])
    }

    @Test func advanceEntersThenEscalatesAndStepDownGoesBack() throws {
        var s = try CaseworkSchool(policy: "east-sussex-federation")
        s.pupil("P1")
        func decide(_ move: CaseMove, to: String? = nil) throws -> CaseDecision {
            let engine = try #require(CaseworkEngine(school: s.school, asOf: CaseworkSchool.asOf))
            let d = try engine.decisionFor(upn: "P1", track: "attendance", move: move, to: to, reason: "test", on: CaseworkSchool.asOf)
            try s.commit(Transaction([.caseDecision(d)], reason: "test"), by: head)
            return d
        }
        let entered = try decide(.advance)
        #expect(entered.change.decision == .enter && entered.change.to == "stage-1")
        let up = try decide(.advance)
        #expect(up.change.decision == .escalate && up.change.to == "stage-2")
        let down = try decide(.stepDown)
        #expect(down.change.decision == .stepDown && down.change.to == "stage-1")
        let engine = try #require(CaseworkEngine(school: s.school, asOf: CaseworkSchool.asOf))
        #expect { try engine.decisionFor(upn: "P1", track: "nope", move: .hold, to: nil, reason: "x", on: CaseworkSchool.asOf) } throws: {
            ($0 as? ChangeRefused)?.kind == .notFound
        }
    }
}
