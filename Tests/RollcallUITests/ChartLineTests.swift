import Attendance
import Testing
@testable import RollcallUI

/// Issue 19, one rule: the persistent-absence line in the charts is the domain's
/// (`isPersistentAbsence`, in whole sessions), so a week at exactly 90% is on the PA side
/// and one just above it is not.
@Suite("Issue 19: the charts' persistent-absence line")
struct ChartLineTests {
    func week(attended: Int, absent: Int) -> AttendanceFigures {
        var f = AttendanceFigures()
        for _ in 0..<attended { f.add(.presentAM) }
        for _ in 0..<absent { f.add(.illness) }
        return f
    }

    @Test func aWeekAtExactlyNinetyPercentIsOnThePersistentAbsenceSide() {
        let weeks = [week(attended: 9, absent: 1), week(attended: 91, absent: 9), week(attended: 10, absent: 0)]
        let tones = Charts.sparkline(weeks).spans.prefix(3).map(\.style.tone)
        #expect(tones == [.unauthorised, .late, .present], "\(tones)")
        #expect(weeks.map(\.isPersistentAbsence) == [true, false, false])
    }
}
