import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

/// The other route to a penalty notice, in the app as on the command line: with no support
/// recorded, the head says why support first would not be appropriate (a term-time holiday),
/// and that reason is kept on the request. (Issue 19, defect 3: the form had no such field.)
@Suite("The penalty form's support-not-appropriate route")
struct PenaltyRouteTests {
    static let ben = PanelTests.ben

    /// Ben's 12 unauthorised sessions, and no meeting or other support recorded.
    func formForBen() throws -> (AppState, FakeDriver) {
        var school = UISchool.make()
        school.casework.policy = try PolicyFile.preset("bridgewater-park")
        for day in ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"] {
            for half in SessionHalf.allCases { school.register.record(Mark(.holidayNotGranted), for: Self.ben, at: Session(SchoolDate(day)!, half)) }
        }
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.head), school: school, width: 120, height: 40)
        var driver = FakeDriver()
        _ = state.run(command: "pupil \(Self.ben)")
        driver.keys(&state, [.char("p")])
        return (state, driver)
    }

    func form(_ state: AppState) -> PenaltyForm? {
        if case .penalty(let f) = state.overlay { return f }
        return nil
    }

    @Test func withNoSupportTheHeadMaySayWhySupportIsNotAppropriate() throws {
        var (state, driver) = try formForBen()
        let before = try #require(form(state))
        #expect(!before.check.eligible)
        #expect(before.offersSupportNotAppropriate && before.typingSupportNotAppropriate)
        #expect(state.draw().text.contains("Support not appropriate, because"))

        driver.type(&state, "a ten-day holiday in term time, asked for and refused")
        let typed = try #require(form(state))
        #expect(typed.check.eligible, "\(typed.check.why)")
        #expect(typed.check.why.contains { $0.contains("support would not be appropriate") })

        driver.keys(&state, [.tab])
        driver.type(&state, "12 sessions of holiday not granted")
        driver.keys(&state, [.enter])
        let notice = try #require(state.school.casework.penaltyNotices[Self.ben]?.last)
        #expect(notice.supportNotAppropriate == "a ten-day holiday in term time, asked for and refused")
        #expect(notice.reason == "12 sessions of holiday not granted")
    }

    @Test func withoutTheReasonTheRequestIsStillRefused() throws {
        var (state, driver) = try formForBen()
        driver.keys(&state, [.tab])
        driver.type(&state, "please")
        driver.keys(&state, [.enter])
        #expect(driver.committed.isEmpty)
        #expect(state.status?.text.contains("may not be requested now") == true)
    }
}
