import Attendance
import Testing
@testable import RollcallUI

/// Issue 19, "one rule, one place": which codes a call's reason may be. The app's call form
/// answers exactly as the domain's `AttendanceCode.callReason` does, code by code: a code it
/// refuses is refused on the form in the domain's words, a code it allows is logged.
/// (`CallReasonCommandTests` holds `rollcall log call` to the same.)
@Suite("Issue 19: the call form's reasons are the domain's")
struct CallReasonRuleTests {
    static let liam = "A100000000005"

    /// The call form open on Liam (N this morning), "spoke" chosen.
    func spokeForm() -> (AppState, FakeDriver) {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("/")])
        driver.type(&state, "liam")
        driver.keys(&state, [.enter, .char("N")])
        _ = state.run(command: "calls")
        driver.keys(&state, [.char("s")])
        return (state, driver)
    }

    @Test(arguments: AttendanceCode.allCases)
    func theCallFormFollowsTheDomainForEachCode(_ code: AttendanceCode) throws {
        var (state, driver) = spokeForm()
        guard case .callOutcome = state.overlay else { Issue.record("no call form"); return }
        driver.type(&state, code.symbol)
        driver.keys(&state, [.enter])
        let logged = state.school.casework.contacts[Self.liam]?.last
        switch AttendanceCode.callReason(code.symbol) {
        case .success(let allowed):
            #expect(logged?.reasonCode == allowed, "\(code.symbol): \(String(describing: state.status))")
        case .failure(let why):
            #expect(logged == nil, "\(code.symbol) was logged")
            #expect(state.status?.text == why.message, "\(code.symbol): \(String(describing: state.status))")
        }
    }
}
