import Attendance
import Testing
@testable import RollcallUI

/// An app left open overnight moves to the new day at midnight (the header, Today, the
/// registers and where a mark goes); a form open at midnight keeps the day it was opened for.
/// The clock is injected: the ticks are the driver's messages, never the machine's time.
@Suite("Midnight in the app")
struct MidnightTests {
    static let monday = UISchool.today  // Mon 30 Nov 2026
    static let tuesday = SchoolDate("2026-12-01")!
    static let liam = "A100000000005"

    func register(_ state: AppState) -> RegisterScreen? {
        if case .register(let r) = state.screen { return r }
        return nil
    }

    /// Liam marked N this session, then the calling list, then `n` (no answer) on his call.
    func callFormOpen(at minutes: Int) -> (AppState, FakeDriver) {
        var (state, driver) = CallsFlowTests().callingList(minutes: minutes)
        driver.keys(&state, [.char("n")])
        return (state, driver)
    }

    @Test func atMidnightTheHeaderTodayAndTheRegisterMoveToTheNewDay() throws {
        var state = UISchool.state(minutes: 23 * 60 + 59)
        var driver = FakeDriver()
        _ = state.run(command: "register 4A PM")
        #expect(register(state)?.session == Session(Self.monday, .pm))
        #expect(state.draw().text.contains("Mon 30 Nov 2026  23:59"))

        driver.run(&state, .clockTicked(date: Self.tuesday, minutes: 0))
        #expect(state.context.today == Self.tuesday)
        #expect(state.context.minutes == 0)
        let r = try #require(register(state))
        #expect(r.session == Session(Self.tuesday, .am))
        #expect(r.group == "4A")
        let screen = state.draw().text
        #expect(screen.contains("Tue 1 Dec 2026  00:00"), "\(screen)")
        #expect(state.status?.text.contains("It is now Tue 1 Dec 2026") == true)

        // A mark typed now goes to the new day's register, never to yesterday's.
        let first = r.upns[0]
        driver.keys(&state, [.char(" ")])
        let m = try #require(driver.committed.last.flatMap { t -> MarkChange? in
            if case .mark(let m) = t.changes.first { return m } else { return nil }
        })
        #expect(m.upn == first)
        #expect(m.session == Session(Self.tuesday, .am))
        #expect(state.school.register.mark(for: first, at: Session(Self.monday, .pm)) == nil)
    }

    @Test func todayMovesToTheNewDayToo() throws {
        var state = UISchool.state(minutes: 23 * 60 + 59)
        var driver = FakeDriver()
        driver.run(&state, .clockTicked(date: Self.tuesday, minutes: 0))
        guard case .today = state.screen else { Issue.record("not on Today"); return }
        #expect(state.draw().text.contains("Tue 1 Dec 2026"))
        #expect(!state.draw().text.contains("Mon 30 Nov 2026"))
    }

    @Test func aCallFormOpenAtMidnightIsSavedForTheDayItWasOpened() throws {
        var (state, driver) = callFormOpen(at: 23 * 60 + 58)
        guard case .callOutcome = state.overlay else { Issue.record("the call form did not open"); return }
        driver.type(&state, "rang twice")
        driver.run(&state, .clockTicked(date: Self.tuesday, minutes: 2))
        driver.keys(&state, [.enter])
        let call = try #require(state.school.casework.contacts[Self.liam]?.last)
        #expect(call.on == Self.monday)
        #expect(call.time == "23:58")
        #expect(call.text == "rang twice")
        #expect(state.status?.text.contains("saved for Mon 30 Nov") == true, "\(String(describing: state.status))")
    }

    @Test func aFormSavedOnTheDayItWasOpenedSaysNothingAboutTheDay() throws {
        var (state, driver) = callFormOpen(at: 10 * 60)
        driver.run(&state, .clockTicked(date: Self.monday, minutes: 10 * 60 + 3))
        driver.keys(&state, [.enter])
        let call = try #require(state.school.casework.contacts[Self.liam]?.last)
        #expect(call.on == Self.monday)
        #expect(call.time == "10:03")
        #expect(state.status?.text.contains("saved for") == false)
    }
}
