import Attendance
import Testing
@testable import RollcallUI

@Suite("The log form through update")
struct LogFormTests {
    static let zoe = "A100000000001"

    func form(_ state: AppState) -> LogForm? {
        if case .log(let f) = state.screen { return f }
        return nil
    }

    func entries(_ state: AppState) -> [ContactLogEntry] { state.school.casework.contacts[Self.zoe] ?? [] }

    /// Zoë's page, then `l`: no UPN typed anywhere.
    func fromPupilPage(staff: StaffMember = UISchool.office) -> (AppState, FakeDriver) {
        var state = UISchool.state(staff: staff)
        let driver = FakeDriver()
        _ = state.run(command: "pupil zoe")
        _ = state.update(.keyPressed(.char("l")))
        return (state, driver)
    }

    @Test func aCallFromThePupilPageNeedsNoUPN() throws {
        var (state, driver) = fromPupilPage()
        #expect(form(state)?.upn == Self.zoe)
        #expect(form(state)?.kind == .call)
        #expect(form(state)?.focus == .contact)
        driver.keys(&state, [.tab, .right, .right])            // outcome: spoke
        driver.keys(&state, [.tab, .tab, .tab])                // to the note
        driver.type(&state, "dad: dentist at 11")
        driver.keys(&state, [.ctrl("s")])
        let e = try #require(entries(state).last)
        #expect(e.kind == .call)
        #expect(e.outcome == .spoke)
        #expect(e.text == "dad: dentist at 11")
        #expect(e.contactName == "Parent of Zoë")
        if case .pupil = state.screen {} else { Issue.record("the form closes once saved") }
    }

    @Test func aHomeVisitNeedsChildSeenAndSaysWhichFieldIsMissing() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "log visit zoe")
        driver.keys(&state, [.ctrl("s")])
        #expect(entries(state).isEmpty)
        #expect(state.status?.text.hasPrefix("Child seen:") == true)
        #expect(form(state)?.focus == .childSeen)
        driver.keys(&state, [.right, .ctrl("s")])
        let e = try #require(entries(state).last)
        #expect(e.kind == .homeVisit)
        #expect(e.childSeen == true)
        #expect(e.visitedBy == ["Jo Smith"])
    }

    @Test func aMeetingKeepsTargetAndReview() throws {
        var (state, driver) = fromPupilPage(staff: UISchool.head)
        driver.keys(&state, [.backTab, .right, .right])        // kind: call → home visit → meeting
        #expect(form(state)?.kind == .meeting)
        driver.keys(&state, [.tab])
        driver.type(&state, "Mrs Abbott, Mrs Okafor")
        driver.keys(&state, [.tab, .tab, .tab, .tab, .tab])    // past going well, concerns, goals, actions
        driver.type(&state, "95")
        driver.keys(&state, [.tab, .tab])
        driver.type(&state, "2026-12-14")
        for e in state.run(command: "save") { if let answer = driver.perform(e, state) { driver.run(&state, answer) } }
        #expect(state.status?.text == "Meeting logged for Zoë Abbott")
        let meeting = try #require(state.school.casework.meetings[Self.zoe]?.last)
        #expect(meeting.attendees == ["Mrs Abbott", "Mrs Okafor"])
        #expect(meeting.target == AttendanceTarget(percent: 95, overSchoolWeeks: 6))
        #expect(meeting.nextReview == SchoolDate("2026-12-14"))
        #expect(entries(state).last?.kind == .meeting)
    }

    @Test func aBadDateNamesItsField() {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "log note zoe")
        driver.type(&state, "asked about the bus")
        driver.keys(&state, [.tab])
        driver.type(&state, "next tuesday-ish")
        driver.keys(&state, [.ctrl("s")])
        #expect(entries(state).isEmpty)
        #expect(state.status?.text.hasPrefix("Follow up on:") == true)
    }

    @Test func escapeWithTypedTextAsksAndKeepsIt() {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "log note zoe")
        driver.type(&state, "asked about the bus")
        driver.keys(&state, [.escape])
        #expect(form(state)?.confirmingDiscard == true)
        driver.keys(&state, [.char("n")])
        #expect(form(state)?.text[.note]?.text == "asked about the bus")
        driver.keys(&state, [.escape, .char("y")])
        #expect(form(state) == nil)
        #expect(entries(state).isEmpty)
    }

    @Test func aSensitiveNoteIsHiddenFromOfficeStaff() throws {
        var state = UISchool.state(staff: UISchool.head)
        var driver = FakeDriver()
        _ = state.run(command: "log note zoe")
        driver.type(&state, "disclosure to the DSL")
        driver.keys(&state, [.tab, .tab, .char(" "), .ctrl("s")])
        let e = try #require(entries(state).last)
        #expect(e.sensitive)
        #expect(e.visible(to: UISchool.office).text != "disclosure to the DSL")
    }

    @Test func officeStaffCannotRecordMeetings() {
        var state = UISchool.state(staff: UISchool.office)
        _ = state.run(command: "log meeting zoe")
        #expect(form(state) == nil)
        #expect(state.status?.text.contains("may not record meetings") == true)
    }

    /// Ctrl-C with something typed asks, as Esc does; a second Ctrl-C quits.
    @Test func ctrlCInAFormAsksBeforeThrowingAwayWhatWasTyped() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "log note zoe")
        driver.type(&state, "Mum rang")
        var effects = state.update(.keyPressed(.ctrl("c")))
        #expect(!effects.contains(.quit))
        guard case .log(let f) = state.screen else { Issue.record("the form closed"); return }
        #expect(f.text[.note]?.text == "Mum rang")
        #expect(state.status?.text.contains("Throw away what you typed?") == true)
        // Any other key keeps typing.
        driver.type(&state, "!")
        if case .log(let f) = state.screen { #expect(f.text[.note]?.text == "Mum rang!") }
        #expect(!state.update(.keyPressed(.ctrl("c"))).contains(.quit))
        effects = state.update(.keyPressed(.ctrl("c")))
        #expect(effects.contains(.quit))
    }

    @Test func ctrlCInADialogWithAReasonTypedAsksToo() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("*"), .char("!"), .char("N")])
        driver.type(&state, "mum rang")
        #expect(!state.update(.keyPressed(.ctrl("c"))).contains(.quit))
        guard case .dialog(let d) = state.overlay else { Issue.record("the dialog closed"); return }
        #expect(d.field?.text == "mum rang")
    }

    @Test func ctrlCWithNothingTypedQuitsAtOnce() {
        var state = UISchool.state()
        _ = state.run(command: "log note zoe")
        #expect(state.update(.keyPressed(.ctrl("c"))).contains(.quit))
    }
}
