import Attendance
import Testing
@testable import RollcallUI

/// The 9:15 absentee report names the registers not yet taken: their absentees are missing.
@Suite("The absentee report names the registers not taken")
struct AbsenteeReportTests {
    let session = Session(UISchool.today, .am)

    /// 4A taken with one N; 4B not taken.
    func state() -> (AppState, FakeDriver) {
        var state = UISchool.state(width: 120, height: 40)
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("N"), .char("*")])
        _ = state.run(command: "report absentees")
        return (state, driver)
    }

    @Test func theDomainListsThem() {
        let (state, _) = state()
        #expect(state.school.registersNotTaken(at: session) == [UntakenRegister(group: "4B", marked: 0, onRoll: 2)])
    }

    @Test func theScreenTheTextAndTheCSVNameThem() throws {
        var (state, driver) = state()
        #expect(state.draw().text.contains("4B (not taken)"))
        driver.keys(&state, [.char("w")])
        let text = try #require(driver.written.first { $0.key.hasSuffix(".txt") }?.value)
        let csv = try #require(driver.written.first { $0.key.hasSuffix(".csv") }?.value)
        #expect(text.contains("not yet taken: 4B (not taken)"))
        #expect(csv.contains("4B") && csv.contains("register not yet taken"))
    }
}
