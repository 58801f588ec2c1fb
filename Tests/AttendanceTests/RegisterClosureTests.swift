import Attendance
import Testing

@Suite("Closing a register and the amendment rule")
struct RegisterClosureTests {
    static let head = StaffMember(login: "head", name: "Hana Head", role: .head)
    static let office = StaffMember(login: "osec", name: "Olu Sec", role: .office)
    static let today = SchoolDate("2025-09-08")!
    static let am = Session(today, .am)

    /// Class 4A: Ann marked present, Ben unmarked, Wei `Z` (not yet on roll); class 4B: Cy unmarked.
    static func school() -> School {
        var s = School(name: "Test")
        let dob = SchoolDate("2016-01-01")!
        for (upn, surname, name, group) in [("A1", "Smith", "Ann", "4A"), ("B2", "Jones", "Ben", "4A"), ("C3", "Zhao", "Wei", "4A"), ("D4", "Dee", "Cy", "4B")] {
            s.upsert(Pupil(upn: upn, legalSurname: surname, legalForename: name, dateOfBirth: dob, yearGroup: YearGroup(4), registrationGroup: group))
        }
        s.register.record(Mark(.presentAM), for: "A1", at: am)
        s.register.record(Mark(.notYetOnRoll), for: "C3", at: am)
        s.staff = [head.login: head, office.login: office]
        return s
    }

    /// Completes, checks and applies, as the store does.
    func commit(_ t: Transaction, to s: inout School, by actor: StaffMember = office, today: SchoolDate = today) throws {
        let done = s.completing(t, seq: 1, by: actor)
        try s.check(done, by: actor, today: today)
        s.apply(done)
    }

    func mark(_ upn: String, _ code: AttendanceCode, _ session: Session = am, reason: String? = nil) -> Transaction {
        Transaction([.mark(MarkChange(upn: upn, session: session, mark: Mark(code)))], reason: reason)
    }

    @Test func closingIsRefusedWhilePupilsAreUnmarked() throws {
        var s = Self.school()
        let close = Transaction([.registerClosed(RegisterClosure(group: "4A", session: Self.am))])
        #expect {
            try commit(close, to: &s)
        } throws: { error in
            let message = (try #require(error as? ChangeRefused)).message
            return message.contains("not yet marked: Jones, Ben") && !message.contains("Zhao") && !message.contains("Dee")
        }
        #expect(!s.isClosed(group: "4A", session: Self.am))
        try commit(mark("B2", .reasonNotYetEstablished), to: &s)
        try commit(close, to: &s)
        #expect(s.isClosed(group: "4A", session: Self.am))
        #expect(s.allRegisterClosures == [RegisterClosure(group: "4A", session: Self.am, by: "osec")])
        #expect(!s.isClosed(group: "4B", session: Self.am) && !s.isClosed(group: "4A", session: Session(Self.today, .pm)))
        // Closing again is no change, and keeps who closed it first.
        try commit(close, to: &s, by: Self.head)
        #expect(s.allRegisterClosures.map(\.by) == ["osec"])
    }

    @Test func marksInTheSameTransactionCountTowardsTheClose() throws {
        var s = Self.school()
        try commit(Transaction([.mark(MarkChange(upn: "B2", session: Self.am, mark: Mark(.reasonNotYetEstablished))),
                                .registerClosed(RegisterClosure(group: "4A", session: Self.am))]), to: &s)
        #expect(s.isClosed(group: "4A", session: Self.am))
    }

    @Test func anUnknownClassIsRefused() {
        var s = Self.school()
        #expect(throws: ChangeRefused.self) {
            try commit(Transaction([.registerClosed(RegisterClosure(group: "9Z", session: Self.am))]), to: &s)
        }
    }

    @Test func beforeTheCloseOnTheDayAMarkMayBeChangedWithoutAReason() throws {
        var s = Self.school()
        let change = MarkChange(upn: "A1", session: Self.am, mark: Mark(.lateBeforeClose), previous: Mark(.presentAM))
        #expect(change.isAmendment)
        #expect(!s.needsReason(change, today: Self.today))
        try commit(mark("A1", .lateBeforeClose), to: &s)
        #expect(s.register.mark(for: "A1", at: Self.am)?.code == .lateBeforeClose)
    }

    @Test func afterTheCloseAChangeNeedsAReason() throws {
        var s = Self.school()
        try commit(mark("B2", .reasonNotYetEstablished), to: &s)
        try commit(Transaction([.registerClosed(RegisterClosure(group: "4A", session: Self.am))]), to: &s)
        #expect {
            try commit(mark("B2", .illness), to: &s)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("amendment and needs a reason") }
        try commit(mark("B2", .illness, reason: "mum rang"), to: &s)
        #expect(s.register.mark(for: "B2", at: Self.am)?.code == .illness)
        // Another class's register is still open.
        s.register.record(Mark(.reasonNotYetEstablished), for: "D4", at: Self.am)
        try commit(mark("D4", .illness), to: &s)
    }

    @Test func aPastDayAlwaysNeedsAReason() throws {
        var s = Self.school()
        let change = MarkChange(upn: "A1", session: Self.am, mark: Mark(.illness), previous: Mark(.presentAM))
        #expect(s.needsReason(change, today: Self.today.adding(days: 1)))
        #expect(throws: ChangeRefused.self) { try commit(mark("A1", .illness), to: &s, today: Self.today.adding(days: 1)) }
        // A first mark is never an amendment, even for a past day; nor is setting the same mark.
        #expect(!s.needsReason(MarkChange(upn: "B2", session: Self.am, mark: Mark(.illness)), today: Self.today.adding(days: 1)))
        #expect(!s.needsReason(MarkChange(upn: "A1", session: Self.am, mark: Mark(.presentAM), previous: Mark(.presentAM)), today: Self.today.adding(days: 1)))
        // Without a date, every change to an existing mark is treated as an amendment.
        #expect(throws: ChangeRefused.self) { try s.check(s.completing(mark("A1", .illness), seq: 1, by: Self.office), by: Self.office) }
    }

    @Test func onlyTheHeadChangesSettings() throws {
        var s = Self.school()
        var settings = SchoolSettings()
        settings.registerTimes.amCloses = ClockTime(parsing: "09:20")!
        settings.headName = "Hana Head"
        #expect {
            try commit(Transaction([.settings(settings)]), to: &s)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("office staff and may not change the school settings") }
        try commit(Transaction([.settings(settings)]), to: &s, by: Self.head)
        #expect(s.settings == settings)
        settings.registerTimes.pmOpens = ClockTime(parsing: "09:00")!
        #expect(throws: ChangeRefused.self) { try commit(Transaction([.settings(settings)]), to: &s, by: Self.head) }
    }
}
