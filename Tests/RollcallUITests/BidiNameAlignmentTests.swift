import Attendance
import Testing
@testable import RollcallUI

/// Issue 21's open question, on screen: a name written with a right-to-left mark (U+200F)
/// lines up with every other name on the register, the mark taking no column and never
/// drawn as `<U+200F>`.
@Suite("Issue 21: a right-to-left name with its mark, aligned")
struct BidiNameAlignmentTests {
    @Test func aNameWithARightToLeftMarkLinesUpOnTheRegister() throws {
        var school = UISchool.make()
        var p = school.pupils["A100000000001"]!
        p.legalSurname = "حداد\u{200F}"
        p.legalForename = "ليلى\u{200F}"
        school.upsert(p)
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.office),
                             school: school, width: 80, height: 24)
        _ = state.run(command: "register 4A AM")
        let lines = state.draw().lines
        #expect(!lines.joined().contains("<U+200F>"))
        let columns = lines.compactMap { line -> Int? in
            guard let r = line.range(of: "A10000000000") else { return nil }
            return DisplayWidth.of(String(line[..<r.lowerBound]))
        }
        #expect(columns.count == 6 && Set(columns).count == 1, "\(columns)\n\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("ليلى") })
    }
}
