import Attendance
import Testing

/// One rule for what a name, a reason or a note may hold, whatever takes it in (issue 21, items 6 and 7).
@Suite("Names, reasons and notes: control characters and lengths")
struct EnteredTextTests {
    static let head = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)
    static let day = SchoolDate("2025-09-08")!

    static func school() -> School {
        var s = School(name: "Test")
        s.upsert(Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                       yearGroup: YearGroup(4), registrationGroup: "4A"))
        s.register.record(Mark(.reasonNotYetEstablished), for: "A1", at: Session(day, .am))
        s.staff = [head.login: head]
        return s
    }

    func refusal(_ t: Transaction) -> String? {
        let s = Self.school()
        do { try s.check(s.completing(t, seq: 1, by: Self.head), by: Self.head, today: Self.day.adding(days: 30)) } catch { return error.message }
        return nil
    }

    func pupil(surname: String) -> Transaction {
        Transaction([.pupil(Pupil(upn: "A1", legalSurname: surname, legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                                  yearGroup: YearGroup(4), registrationGroup: "4A"))])
    }

    func note(_ text: String) -> Transaction {
        Transaction([.contact(ContactLogEntry(upn: "A1", kind: .note, on: Self.day, text: text))])
    }

    func amendment(reason: String) -> Transaction {
        Transaction([.mark(MarkChange(upn: "A1", session: Session(Self.day, .am), mark: Mark(.illness)))], reason: reason)
    }

    @Test func controlCharactersAreRefusedInNamesReasonsAndNotes() {
        for bad in ["Smith\u{0}", "Smith\u{7}", "\u{1B}[31mSmith", "\u{202E}htimS", "Smith\nJones"] {
            #expect(refusal(pupil(surname: bad))?.contains("the surname of A1") == true, "\(bad.debugDescription)")
        }
        #expect(refusal(amendment(reason: "ill\nMrs Adaeze Okafor (head) amended … approved by head"))?.contains("line break") == true)
        #expect(refusal(amendment(reason: "ill \u{1B}[2J"))?.contains("U+001B") == true)
        #expect(refusal(note("rang mum\u{7}"))?.contains("U+0007") == true)
        let staff = Transaction([.staff(StaffMember(login: "x", name: "Eve\u{202E}", role: .office))])
        #expect(refusal(staff)?.contains("U+202E") == true)
        // A note may run over several lines; nothing else may.
        #expect(refusal(note("rang mum\nshe will call back\n")) == nil)
        #expect(refusal(amendment(reason: "ill, mum rang")) == nil)
        #expect(refusal(pupil(surname: "Ó Súilleabháin-Nguyễn 李")) == nil)
    }

    @Test func longerThanTheLimitIsRefusedNamingTheLimit() {
        #expect(refusal(pupil(surname: String(repeating: "a", count: 100))) == nil)
        #expect(refusal(pupil(surname: String(repeating: "a", count: 101)))?.contains("at most 100 characters") == true)
        // Characters, not bytes: 100 accented letters are a name.
        #expect(refusal(pupil(surname: String(repeating: "é", count: 100))) == nil)
        #expect(refusal(amendment(reason: String(repeating: "r", count: 1_000))) == nil)
        #expect(refusal(amendment(reason: String(repeating: "r", count: 1_001)))?.contains("at most 1,000 characters") == true)
        #expect(refusal(note(String(repeating: "n", count: 20_000))) == nil)
        #expect(refusal(note(String(repeating: "n", count: 20_001)))?.contains("at most 20,000 characters") == true)
    }

    @Test func textShownOnATerminalHasItsControlCharactersMadeVisible() {
        #expect(EnteredText.shown("\u{1B}[31mSmith\u{7}") == "<U+001B>[31mSmith<U+0007>")
        #expect(EnteredText.shown("\u{202E}evE") == "<U+202E>evE")
        #expect(EnteredText.shown("one\ntwo") == "one<U+000A>two")
        #expect(EnteredText.shown("one\ntwo", keepingLayout: true) == "one\ntwo")
        #expect(EnteredText.shown("Zoë") == "Zoë")
    }
}
