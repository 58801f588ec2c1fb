import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// Issue 19, defect 7: from the day after leaving, a pupil's open cases are closed as "left
/// the school", as a recorded change in the audit trail, not only recommended.
@Suite("Issue 19: a leaver's open cases are closed, and the closure is recorded")
struct LeaversCasesTests {
    /// The store's day is Monday 2 March 2026 (`storeTestMorning`).
    static let today = SchoolDate("2026-03-02")!

    /// A store with the Bridgewater policy and an open attendance case for A1.
    func storeWithACase(_ dir: TempDirectory) throws -> Store {
        let store = try makeStore(dir)
        try store.commit(Transaction([.policy(try PolicyFile.preset("bridgewater-park"))]), by: head)
        let engine = try #require(CaseworkEngine(school: store.school, asOf: Self.today))
        let d = try #require(engine.decision(upn: "A1", track: "attendance", decision: .enter, to: "step-1",
                                             reason: "below 95%", on: SchoolDate("2026-02-02")!, recommended: nil))
        try store.commit(Transaction([.caseDecision(d)], reason: "below 95%"), by: head)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == true)
        return store
    }

    func leaving(_ store: Store, _ upn: String, on date: String) -> Transaction {
        var p = store.school.pupils[upn]!
        p.leavingOn = SchoolDate(date)!
        p.destination = "Hillside Primary"
        return Transaction([.pupil(p)], reason: "left")
    }

    /// A leaving date already past when it is recorded (here by office staff, who may not
    /// decide cases): the case is closed in the same transaction, by Rollcall, with the rule's
    /// words, and the journal holds it.
    @Test func aLeavingDateAlreadyPastClosesTheCaseInTheSameChange() throws {
        let dir = TempDirectory()
        let store = try storeWithACase(dir)
        let recorded = try #require(try store.commit(leaving(store, "A1", on: "2026-02-27"), by: office))
        let closures = recorded.changes.compactMap { c -> CaseDecision? in if case .caseDecision(let d) = c { d } else { nil } }
        #expect(closures.count == 1)
        let file = try #require(store.school.casework.caseFile("A1", track: "attendance"))
        #expect(!file.isOpen)
        let last = try #require(file.history.last)
        #expect(last.decision == .close && last.from == "step-1" && last.on == Self.today && last.by == StageChange.byRollcall)
        #expect(last.reason == "left the school on 27 Feb 2026: off roll for casework from the next day")
        // The journal holds it: a store opened afresh reads the case closed.
        let reopened = try Store.open(at: store.path)
        #expect(reopened.school.casework.caseFile("A1", track: "attendance")?.isOpen == false)
        #expect(reopened.school.casework.caseFile("A1", track: "attendance")?.history.last == last)
        // Nothing is left for the caseload, not even the recommendation to close.
        #expect(CaseworkEngine(school: store.school, asOf: Self.today)!.caseload().filter { $0.upn == "A1" }.isEmpty)
    }

    /// A leaving date still to come: nothing closes yet (on the leaving day the pupil is still
    /// the school's). The first change after the day has come, a mark, carries the closure;
    /// undoing that mark undoes the mark only.
    @Test func aLeavingDateToComeClosesTheCaseWithTheFirstChangeAfterIt() throws {
        let dir = TempDirectory()
        let store = try storeWithACase(dir)
        try store.commit(leaving(store, "A1", on: "2026-03-02"), by: office)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == true)
        // The next morning.
        store.now = { storeTestMorning.addingTimeInterval(86_400) }
        let recorded = try #require(try store.commit(markTransaction("B2", "2026-03-03", .am, .presentAM), by: office))
        #expect(recorded.changes.count == 2)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == false)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.history.last?.on == SchoolDate("2026-03-03")!)
        try store.undoLast(by: office)
        #expect(store.school.register.mark(for: "B2", at: session("2026-03-03", .am)) == nil)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == false)
    }

    /// Only the rule's own closure passes as Rollcall's: one for a pupil still on roll, or
    /// with other words, is refused and nothing is written.
    @Test func aClosureClaimingToBeRollcallsIsRefusedUnlessTheRuleOwesIt() throws {
        let dir = TempDirectory()
        let store = try storeWithACase(dir)
        let before = store.lastSeq
        let forged = CaseDecision(upn: "A1", track: "attendance",
                                  change: StageChange(decision: .close, from: "step-1", to: nil, on: Self.today, by: StageChange.byRollcall,
                                                      reason: "left the school", figures: CaseFigures(attendancePercent: nil, unauthorisedSessions10Weeks: 0,
                                                                                                        latesHalfTerm: 0, consecutiveUnexplainedDays: 0, absenceDays: 0)),
                                  nextReview: nil, newActions: [])
        #expect(throws: ChangeRefused.self) { try store.commit(Transaction([.caseDecision(forged)], reason: "x"), by: head) }
        #expect(store.lastSeq == before)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == true)
    }

    /// The pupils file is how a leaving date usually arrives (`Leaving Date`): a past one
    /// closes the pupil's case in the import's own transaction.
    @Test func aPupilsFileWithAPastLeavingDateClosesTheCase() throws {
        let dir = TempDirectory()
        let store = try storeWithACase(dir)
        let csv = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Leaving Date,Destination\n"
            + "A1,Smith,Ann,2016-01-01,3,3A,2026-02-20,Hillside Primary\nB2,Jones,Ben,2016-02-02,3,3A,,\n"
        _ = try store.importPupils(try PupilImport.parse(csv, file: "p2.csv"), file: "p2.csv", by: office)
        #expect(store.school.pupils["A1"]?.leavingOn == SchoolDate("2026-02-20")!)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.isOpen == false)
        #expect(store.school.casework.caseFile("A1", track: "attendance")?.history.last?.by == StageChange.byRollcall)
    }
}
