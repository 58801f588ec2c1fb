import Attendance
import Testing
@testable import RollcallUI

/// Issue 21, item 6, in the app: a control character can only arrive by a paste. Those that
/// move the cursor or ring the bell are dropped as the paste goes in; a format character that
/// reverses text (U+202E) is refused by the domain's one rule when the note is saved, saying
/// why, and the form stays open with the words typed, so nothing is lost.
@Suite("What people type, in the app")
struct EnteredTextInTheAppTests {
    @Test func aPastedControlCharacterNeverReachesTheStoreAndTheNoteIsKept() throws {
        var (state, driver) = LogFormTests().fromPupilPage()
        driver.keys(&state, [.tab, .right, .right])            // outcome: spoke
        driver.keys(&state, [.tab, .tab, .tab])                // to the note
        driver.run(&state, .pasted("mum rang\u{07}\u{1B}[2J back at 3"))
        guard case .log(let typed) = state.screen else { Issue.record("the form is not open"); return }
        #expect(typed.text[.note]?.text == "mum rang[2J back at 3")

        driver.run(&state, .pasted(" \u{202E}3 ta kcab"))
        driver.keys(&state, [.ctrl("s")])
        #expect(driver.committed.isEmpty)
        #expect(state.school.casework.contacts[LogFormTests.zoe]?.isEmpty ?? true)
        #expect(state.status?.text.contains("U+202E") == true, "\(String(describing: state.status))")
        guard case .log(let kept) = state.screen else { Issue.record("the form closed and lost the note"); return }
        #expect(kept.text[.note]?.text.contains("mum rang") == true)
    }
}
