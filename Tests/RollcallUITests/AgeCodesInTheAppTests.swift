import Attendance
import Testing
@testable import RollcallUI

/// Issue 19, defect 10, in the app: X for a pupil of compulsory school age and C2 for a
/// nursery child are refused on the register with the domain's words, and nothing is marked.
@Suite("Issue 19: X and C2 typed on the register")
struct AgeCodesInTheAppTests {
    let session = Session(UISchool.today, .am)

    /// The 4A register, with its first pupil (Zoë Abbott) born in 2023 when `nursery`.
    func register(nursery: Bool) -> (AppState, FakeDriver, String) {
        var school = UISchool.make()
        if nursery {
            var p = school.pupils["A100000000001"]!
            p.dateOfBirth = SchoolDate("2023-01-15")!
            school.upsert(p)
        }
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.office),
                             school: school, width: 80, height: 24)
        var driver = FakeDriver()
        driver.run(&state, .keyPressed(.char(":")))
        driver.type(&state, "register 4A AM")
        driver.run(&state, .keyPressed(.enter))
        guard case .register(let r) = state.screen else { return (state, driver, "") }
        return (state, driver, r.upns[0])
    }

    @Test func xForAPupilOfCompulsorySchoolAgeIsRefusedSayingWhy() throws {
        var (state, driver, first) = register(nursery: false)
        #expect(first == "A100000000001")
        driver.keys(&state, [.char("X")])
        #expect(state.school.register.mark(for: first, at: session) == nil)
        #expect(driver.committed.isEmpty)
        #expect(state.status?.text.contains("X is only for a child not of compulsory school age") == true, "\(String(describing: state.status))")
    }

    @Test func c2ForANurseryChildIsRefusedAndXIsTaken() throws {
        var (state, driver, first) = register(nursery: true)
        driver.keys(&state, [.char("C"), .char("2")])
        #expect(state.school.register.mark(for: first, at: session) == nil)
        #expect(state.status?.text.contains("C2 (part-time timetable) is only for a pupil of compulsory school age") == true, "\(String(describing: state.status))")
        // X is what the code is for: taken.
        var (fresh, freshDriver, _) = register(nursery: true)
        freshDriver.keys(&fresh, [.char("X")])
        #expect(fresh.school.register.mark(for: first, at: session)?.code == .notCompulsoryAge)
    }
}
