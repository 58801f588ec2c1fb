import Attendance
import Testing
@testable import RollcallUI

/// The first-run welcome (a demo school made for you) shows inside the app, on Today, until
/// it is dismissed; it takes no other key meanwhile.
@Suite("The first-run welcome")
struct WelcomeTests {
    @Test func theWelcomeShowsOnTodayUntilDismissed() {
        var state = UISchool.state()
        _ = state.update(.firstRun(welcome: ["This is a demo school made for you (all fictional), at /tmp/x.", "You are its head."]))
        #expect(state.draw().text.contains("a demo school made for you"))
        #expect(state.screen.kind == .today)
        // A stray key does nothing but keep the welcome up; Enter dismisses it.
        _ = state.update(.keyPressed(.char("p")))
        #expect(state.draw().text.contains("a demo school made for you"))
        _ = state.update(.keyPressed(.enter))
        #expect(state.overlay == nil)
        #expect(!state.draw().text.contains("a demo school made for you"))
    }
}
