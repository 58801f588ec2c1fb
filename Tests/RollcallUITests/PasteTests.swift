import Attendance
import Testing
@testable import RollcallUI

/// A paste arrives as one message (bracketed paste): it goes into the focused text field and
/// is never read as keys.
@Suite("Pasting text")
struct PasteTests {
    func callForm() -> (AppState, FakeDriver) {
        var (state, driver) = CallsFlowTests().callingList()
        driver.keys(&state, [.char("n")])
        return (state, driver)
    }

    @Test func aTwoLineNoteOnTheCallsScreenStaysInTheNote() throws {
        var (state, driver) = callForm()
        let before = driver.committed.count
        driver.run(&state, .pasted("Gran answered.\nv\n"))
        guard case .callOutcome(let f) = state.overlay else { Issue.record("the call form closed"); return }
        #expect(f.note.text == "Gran answered.\nv\n")
        #expect(f.outcome == .noAnswer)
        #expect(driver.committed.count == before, "the paste logged a call")
    }

    @Test func aPastedReasonBecomesOneLineAndMarksNobody() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("*"), .char("!"), .char("N")])
        let committed = driver.committed.count
        let cursor: Int? = { if case .register(let r) = state.screen { return r.cursor.selected }; return nil }()
        driver.run(&state, .pasted("mum rang\r\nS"))
        guard case .dialog(let d) = state.overlay else { Issue.record("the reason dialog closed"); return }
        #expect(d.field?.text == "mum rang S")
        #expect(driver.committed.count == committed)
        if case .register(let r) = state.screen { #expect(r.cursor.selected == cursor) }
    }

    @Test func aPasteWithNoFieldIsIgnoredAndSaysSo() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        let before = state.school.register.marks(at: Session(UISchool.today, .am))
        driver.run(&state, .pasted("NNNN*!n"))
        #expect(state.school.register.marks(at: Session(UISchool.today, .am)) == before)
        #expect(driver.committed.isEmpty && state.overlay == nil)
        #expect(state.status?.text.contains("not pasted") == true, "\(String(describing: state.status))")
    }

    @Test func fiveThousandCharactersGoIntoALogNoteInOneMessage() throws {
        var state = UISchool.state()
        _ = state.run(command: "log note zoe")
        let text = String(repeating: "Mum says Zoë was unwell. ", count: 200)
        #expect(text.count == 5000)
        _ = state.update(.pasted(text))
        guard case .log(let f) = state.screen else { Issue.record("the log form closed"); return }
        #expect(f.text[.note]?.text == text)
        #expect(f.text[.note]?.cursor == 5000)
        #expect(state.draw().text.contains("Mum says Zoë was unwell."))
    }

    @Test func aPasteIntoTheFindBoxFinds() throws {
        var state = UISchool.state()
        _ = state.run(command: "register 4A")
        _ = state.update(.keyPressed(.char("/")))
        _ = state.update(.pasted("liam\n"))
        guard case .register(let r) = state.screen else { Issue.record("not the register"); return }
        #expect(r.search?.text == "liam ")
        #expect(r.selectedUPN == "A100000000005")
    }
}
