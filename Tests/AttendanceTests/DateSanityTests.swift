import Attendance
import Testing

/// Marks, notes and decisions on dates nobody meant (issue 21, item 8).
@Suite("Dates a person could not have meant")
struct DateSanityTests {
    static let head = EnteredTextTests.head
    static let today = SchoolDate("2025-10-06")!

    func refusal(_ t: Transaction) -> ChangeRefused? {
        let s = EnteredTextTests.school()  // marks in 2025-26 only
        do { try s.check(s.completing(t, seq: 1, by: Self.head), by: Self.head, today: Self.today) } catch { return error }
        return nil
    }

    func mark(_ iso: String, reason: String? = nil, allowing: Bool = false) -> Transaction {
        var t = Transaction([.mark(MarkChange(upn: "A1", session: Session(SchoolDate(iso)!, .am), mark: Mark(.presentAM)))], reason: reason)
        t.allowingAnyDate = allowing
        return t
    }

    @Test func aMarkOutsideTheHeldYearsAndTheYearEitherSideIsRefusedUnlessAllowedWithAReason() {
        #expect(EnteredTextTests.school().yearsForMarks == 2024...2026)
        #expect(refusal(mark("1900-01-01"))?.message.contains("--allow-date") == true)
        #expect(refusal(mark("2099-01-05"))?.message.contains("outside the years") == true)
        #expect(refusal(mark("2024-09-02")) == nil)  // the year before
        #expect(refusal(mark("2027-07-05")) == nil)  // the year after
        #expect(refusal(mark("2027-09-06")) != nil)
        #expect(refusal(mark("1900-01-01", allowing: true))?.kind == .needsReason)
        #expect(refusal(mark("1900-01-01", reason: "records from the 1900 log book", allowing: true)) == nil)
    }

    @Test func aNoteOrMeetingMoreThanAYearAheadIsRefused() {
        func note(_ iso: String) -> Transaction { Transaction([.contact(ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate(iso)!, text: "x"))]) }
        #expect(refusal(note("2026-10-06")) == nil)
        #expect(refusal(note("2099-01-01"))?.message.contains("more than a year ahead") == true)
        let meeting = Meeting(upn: "A1", on: SchoolDate("2030-01-01")!, attendees: ["mum"], goingWell: "", concerns: "x", agreedActions: [])
        #expect(refusal(Transaction([.meeting(meeting)]))?.message.contains("more than a year ahead") == true)
    }
}
