import Attendance
import Testing
@testable import RollcallUI

@Suite("Working the calling list through update")
struct CallsFlowTests {
    static let liam = "A100000000005"

    /// Liam has been N since Wednesday; this morning he is N again, so he is on the list.
    func callingList(minutes: Int = 9 * 60 + 5) -> (AppState, FakeDriver) {
        var state = UISchool.state(minutes: minutes)
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("/")])
        driver.type(&state, "liam")
        driver.keys(&state, [.enter, .char("N")])
        _ = state.run(command: "calls")
        return (state, driver)
    }

    func calls(_ state: AppState) -> CallsScreen? {
        if case .calls(let c) = state.screen { return c }
        return nil
    }

    func entries(_ state: AppState) -> [ContactLogEntry] { state.school.casework.contacts[Self.liam] ?? [] }

    @Test func theListShowsWhoToCallWithTheirContacts() throws {
        let (state, _) = callingList()
        let c = try #require(calls(state))
        #expect(c.entries.map(\.pupil.upn) == [Self.liam])
        #expect(c.entries[0].daysUnexplained == 4)
        #expect(c.contact == 0)
        #expect(state.draw().text.contains("Parent of Liam"))
    }

    @Test func noAnswerTakesOneKeyAndEnter() throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char("n"), .enter])
        let logged = try #require(entries(state).last)
        #expect(logged.kind == .call)
        #expect(logged.outcome == .noAnswer)
        #expect(logged.contactName == "Parent of Liam")
        #expect(logged.number == "07700 900123")
        #expect(logged.time == "09:05")
        #expect(calls(state)?.entries.first?.triedToday.count == 1)
        #expect(state.overlay == nil)
    }

    @Test(arguments: [("v", ContactLogEntry.CallOutcome.voicemail), ("x", .numberNotInUse), ("r", .refused)])
    func eachOutcomeIsOneKey(key: String, outcome: ContactLogEntry.CallOutcome) throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char(Character(key))])
        driver.type(&state, "left a message")
        driver.keys(&state, [.enter])
        let logged = try #require(entries(state).last)
        #expect(logged.outcome == outcome)
        #expect(logged.text == "left a message")
    }

    @Test func spokeWithAReasonPutsItOnTheOpenNMarks() throws {
        var (state, driver) = callingList()
        let before = state.school.openUnexplainedMarks(for: Self.liam, upTo: UISchool.today).count
        #expect(before == 7)  // Wednesday to Friday, and this morning
        driver.keys(&state, [.char("s"), .char("I"), .tab])
        driver.type(&state, "mum: chickenpox")
        driver.keys(&state, [.enter])
        let logged = try #require(entries(state).last)
        #expect(logged.outcome == .spoke)
        #expect(logged.reasonCode == .illness)
        #expect(state.school.openUnexplainedMarks(for: Self.liam, upTo: UISchool.today).isEmpty)
        #expect(state.school.register.mark(for: Self.liam, at: Session(UISchool.today, .am))?.code == .illness)
        let t = try #require(driver.committed.last)
        #expect(t.reason?.contains("call 2026-11-30 09:05 to Parent of Liam: spoke, mum: chickenpox") == true)
        #expect(calls(state)?.entries.isEmpty == true)   // explained: off the list
    }

    @Test func spokeWithoutApplyingKeepsTheMarks() throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char("s"), .char("I"), .tab, .tab, .char(" "), .enter])
        #expect(entries(state).last?.reasonCode == .illness)
        #expect(state.school.openUnexplainedMarks(for: Self.liam, upTo: UISchool.today).count == 7)
    }

    @Test func aReasonThatIsNotAnAbsenceCodeIsRefusedOnTheForm() throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char("s"), .char("L"), .enter])
        #expect(entries(state).isEmpty)
        if case .callOutcome = state.overlay {} else { Issue.record("the form should stay open") }
        #expect(state.status?.text.contains("not an absence code") == true)
    }

    @Test func escapeWithANoteAsksFirst() throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char("n")])
        driver.type(&state, "rang twice")
        driver.keys(&state, [.escape])
        guard case .dialog = state.overlay else { Issue.record("expected a question"); return }
        driver.keys(&state, [.char("k")])
        guard case .callOutcome(let f) = state.overlay else { Issue.record("the note should come back"); return }
        #expect(f.note.text == "rang twice")
    }

    @Test func aDigitChoosesTheContact() throws {
        var (state, driver) = callingList()
        driver.keys(&state, [.char("2")])
        #expect(state.status?.text.contains("has 1 contact") == true)
        driver.keys(&state, [.char("1")])
        #expect(calls(state)?.contact == 0)
    }

    /// An O (absent, reason unknown) is as open as an N: the reason found on the call replaces
    /// both, each an amendment citing the call.
    @Test func spokeWithAReasonReplacesOMarksTooCitingTheCall() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("/")])
        driver.type(&state, "liam")
        driver.keys(&state, [.enter, .char("O")])
        _ = state.run(command: "calls")
        #expect(calls(state)?.entries.map(\.pupil.upn) == [Self.liam])
        driver.keys(&state, [.char("s"), .char("I"), .enter])
        let today = Session(UISchool.today, .am)
        #expect(state.school.register.mark(for: Self.liam, at: today)?.code == .illness)
        #expect(state.school.register.mark(for: Self.liam, at: Session(SchoolDate("2026-11-27")!, .pm))?.code == .illness)
        let t = try #require(driver.committed.last)
        let amended = t.changes.compactMap { c -> MarkChange? in if case .mark(let m) = c { return m }; return nil }
        #expect(amended.count == 7)
        #expect(amended.first { $0.session == today }?.previous?.code == .unknownReason)
        #expect(t.reason?.hasPrefix("call 2026-11-30 09:05 to Parent of Liam: spoke") == true)
    }

    /// Today's list holds N and O: its heading says so.
    @Test func todaySaysTheListHoldsNAndO() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("/")])
        driver.type(&state, "liam")
        driver.keys(&state, [.enter, .char("O")])
        _ = state.run(command: "today")
        let text = state.draw().text
        #expect(text.contains("No reason known yet (N or O): 1"))
        #expect(!text.contains("Absent with no reason (N)"))
    }
}
