import Attendance
import Testing
@testable import AttendanceStore

/// `store move` puts what a store holds before its audit trail began (its first snapshot)
/// into rows of its own: applied before the trail, they must give the school again, every
/// kind of record included.
@Suite struct MoveBaselineTests {
    let day = SchoolDate("2026-03-02")!
    let figures = CaseFigures(attendancePercent: 84.5, unauthorisedSessions10Weeks: 6, latesHalfTerm: 2, consecutiveUnexplainedDays: 0, absenceDays: 4)

    func decision(_ d: StageChange.Decision, to stage: String?, on date: SchoolDate, actions: [CaseAction] = []) -> Change {
        .caseDecision(CaseDecision(upn: "A1", track: "attendance",
                                   change: StageChange(decision: d, from: nil, to: stage, on: date, by: "hhead", reason: "figures", figures: figures),
                                   nextReview: date.adding(days: 28), newActions: actions))
    }

    /// What a snapshot might hold: one of every kind of record.
    var snapshot: [Change] {
        let pupil = Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!, yearGroup: YearGroup(3), registrationGroup: "3A")
        let other = Pupil(upn: "B2", legalSurname: "Jones", legalForename: "Ben", dateOfBirth: SchoolDate("2016-02-02")!, yearGroup: YearGroup(3), registrationGroup: "3A")
        var settings = SchoolSettings()
        settings.phone = "0113 000"
        let calendar = SchoolCalendar(terms: [Term(name: "Spring", dates: DateRange(SchoolDate("2026-01-05")!, SchoolDate("2026-03-27")!))])
        let action = CaseAction(id: "act-1", kind: "letter", description: "send the letter", template: "stage-1", owner: "office", due: day.adding(days: 5))
        return [
            .staff(StaffMember(login: "hhead", name: "Hana Head", role: .head, isDSL: true)),
            .staff(StaffMember(login: "ooffice", name: "Olu Office", role: .office)),
            .settings(settings), .calendar(calendar), .pupil(pupil), .pupil(other),
            .mark(MarkChange(upn: "A1", session: Session(day, .am), mark: Mark(.lateBeforeClose, minutesLate: 9, comment: "bus"))),
            .mark(MarkChange(upn: "B2", session: Session(SchoolDate("2025-03-03")!, .pm), mark: Mark(.presentPM))),
            .registerClosed(RegisterClosure(group: "3A", session: Session(day, .am), by: "ooffice")),
            decision(.enter, to: "stage-1", on: day, actions: [action]),
            .actionDone(ActionDone(upn: "A1", track: "attendance", actionId: "act-1", on: day, by: "ooffice")),
            .contact(ContactLogEntry(id: "c-1", upn: "A1", kind: .note, on: day, by: "ooffice", text: "plain")),
            .contact(ContactLogEntry(id: "c-2", upn: "A1", kind: .note, on: day, by: "hhead", text: "Q-SECRET", sensitive: true)),
            .meeting(Meeting(id: "m-1", upn: "A1", track: "attendance", on: day, by: "hhead", attendees: ["mum"], concerns: "sleep")),
            .timetable(PartTimeTimetable(id: "t-1", upn: "B2", starts: day, ends: day.adding(days: 20), reviewOn: day.adding(days: 10), parentAgreed: true)),
            .intervention(Intervention(id: "i-1", upn: "B2", kind: .parentMeeting, on: day, note: "met")),
            .penaltyNotice(PenaltyNoticeRequest(id: "p-1", upn: "A1", parent: "Mum", on: day, by: "hhead", amount: 80, amountIfLate: 160,
                                                unauthorisedSessions: 10, reason: "term-time holiday")),
        ]
    }

    /// What the audit trail records after it: changes to some of the same records.
    var trail: [Change] {
        [.mark(MarkChange(upn: "A1", session: Session(day, .am), mark: Mark(.presentAM))),
         .mark(MarkChange(upn: "A1", session: Session(day, .pm), mark: Mark(.unknownReason))),
         decision(.escalate, to: "stage-2", on: day.adding(days: 14)),
         .contact(ContactLogEntry(id: "c-3", upn: "B2", kind: .note, on: day, by: "ooffice", text: "later")),
         .staffRemoved(login: "ooffice")]
    }

    func exports(_ s: School) -> [String] { [Export.pupilsCSV(s), Export.marksCSV(s), Export.caseworkJSON(s)] }

    @Test func theRowsBeforeTheTrailGiveTheSchoolAgain() {
        var final = School(name: "Hill")
        final.apply(Transaction(snapshot + trail))
        var replayed = School(name: "Hill")
        replayed.apply(Transaction(trail))
        let before = MoveBaseline.transactions(final: final, replayed: replayed, reason: "moved")
        #expect(before.count == 2, "the records, and a row for the one year of marks the trail never wrote (2024-25)")
        var rebuilt = School(name: "Hill")
        for t in before { rebuilt.apply(t) }
        rebuilt.apply(Transaction(trail))
        #expect(exports(rebuilt) == exports(final))
        #expect(rebuilt.isClosed(group: "3A", session: Session(day, .am)))
    }

    @Test func aStoreWhoseTrailIsTheWholeStoryNeedsNone() {
        var final = School(name: "Hill")
        final.apply(Transaction(snapshot))
        #expect(MoveBaseline.transactions(final: final, replayed: final, reason: "moved").isEmpty)
    }
}
