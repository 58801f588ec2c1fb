import Testing
@testable import Attendance

/// The seeds print "attendance in numbers" tables for a 190-day year. Check them from first
/// principles: 380 possible sessions, two per day missed.
@Suite("The seeds' attendance-in-numbers tables")
struct AttendanceInNumbersTests {
    func figuresForDaysMissed(_ halfDays: Int) -> AttendanceFigures {
        var f = AttendanceFigures()
        for _ in 0..<(380 - halfDays) { f.add(.presentAM) }
        for _ in 0..<halfDays { f.add(.illness) }
        return f
    }

    @Test func ninetyPercentIsNineteenDays() {
        let f = figuresForDaysMissed(38)
        #expect(f.attendancePercent == 90)
        #expect(f.isPersistentAbsence)  // Heath Primary: "19 days absence or more" is PA
        #expect(!figuresForDaysMissed(37).isPersistentAbsence)
    }

    /// attendance-bands: 97.5% ≈ 5 days, 95% = 10 days (9.5), 92.5% ≈ 14, 90% = 19, 85% ≈ 29.
    @Test(arguments: [(97.5, 5), (95.0, 10), (92.5, 14), (90.0, 19), (85.0, 29)])
    func bandsMatchDaysMissed(percent: Double, days: Int) {
        let exactDays = (100 - percent) / 100 * 190
        #expect(Int((exactDays + 0.5).rounded(.down)) == days)
    }

    @Test func fullAttendanceIs190Days() {
        let f = figuresForDaysMissed(0)
        #expect(f.possible == 380 && f.attendancePercent == 100)
        #expect(figuresForDaysMissed(190).isSevereAbsence)
        #expect(!figuresForDaysMissed(189).isSevereAbsence)
    }
}
