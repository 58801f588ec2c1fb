import Attendance
import Testing

@Suite("Clock times, register times and late arrivals")
struct RegisterTimesTests {
    func t(_ text: String) -> ClockTime { ClockTime(parsing: text)! }

    @Test func clockTimesParseStrictly() {
        #expect(ClockTime(parsing: "8:40")?.minutesSinceMidnight == 520)
        #expect(ClockTime(parsing: "08:40") == ClockTime(parsing: "8:40"))
        #expect(ClockTime(parsing: "13:30")?.minutesSinceMidnight == 810)
        #expect(ClockTime(parsing: "00:00")?.minutesSinceMidnight == 0)
        #expect(ClockTime(parsing: "23:59")?.minutesSinceMidnight == 1439)
        for bad in ["25:99", "24:00", "8:60", "8:5", "8.40", "840", "", ":40", "8:", "123:00", "-1:00", "8:4a", "08:400"] {
            #expect(ClockTime(parsing: bad) == nil, "\(bad)")
        }
        #expect(t("8:40").description == "08:40")
        #expect(t("13:05").description == "13:05")
        #expect(t("8:40") < t("13:00"))
    }

    @Test func defaultsAreTheIssuesTimes() {
        let r = RegisterTimes()
        #expect((r.amOpens, r.amCloses, r.pmOpens, r.pmCloses) == (t("08:40"), t("09:15"), t("13:00"), t("13:30")))
        #expect(r.problem == nil)
        #expect(SchoolSettings().timeZone == "Europe/London")
        #expect(School(name: "X").settings == SchoolSettings())
    }

    @Test func registerTimesMustBeInOrder() {
        #expect(RegisterTimes(amOpens: t("09:15"), amCloses: t("09:15")).problem != nil)
        #expect(RegisterTimes(pmOpens: t("13:30"), pmCloses: t("13:00")).problem != nil)
        #expect(RegisterTimes(amCloses: t("13:10")).problem?.contains("no later than the PM register opens") == true)
        #expect(RegisterTimes(amCloses: t("13:00")).problem == nil)  // closing as the afternoon opens is allowed
    }

    @Test func aLateArrivalIsLUpToTheCloseAndUAfterIt() {
        let r = RegisterTimes()
        let before = r.lateMark(arrivedAt: t("09:02"), half: .am, reason: "  bus late ")
        #expect(before == Mark(.lateBeforeClose, minutesLate: 22, comment: "bus late"))
        let exactly = r.lateMark(arrivedAt: t("09:15"), half: .am, reason: nil)
        #expect(exactly == Mark(.lateBeforeClose, minutesLate: 35))
        let after = r.lateMark(arrivedAt: t("09:16"), half: .am, reason: "overslept")
        #expect(after == Mark(.lateAfterClose, minutesLate: 36, comment: "overslept"))
        #expect(r.lateMark(arrivedAt: t("13:30"), half: .pm, reason: "").code == .lateBeforeClose)
        #expect(r.lateMark(arrivedAt: t("13:45"), half: .pm, reason: "") == Mark(.lateAfterClose, minutesLate: 45))
        // By the time the register opens a pupil is not late at all: present, not "L, 0 minutes".
        #expect(r.lateMark(arrivedAt: t("08:30"), half: .am, reason: nil) == Mark(.presentAM))
        #expect(r.lateMark(arrivedAt: t("08:40"), half: .am, reason: "early") == Mark(.presentAM, comment: "early"))
        #expect(r.lateMark(arrivedAt: t("13:00"), half: .pm, reason: nil) == Mark(.presentPM))
    }

    @Test func theHalfAndWhetherTheRegisterHasClosedComeFromTheTime() {
        let r = RegisterTimes()
        #expect(r.defaultHalf(at: t("11:59")) == .am)
        #expect(r.defaultHalf(at: t("12:00")) == .pm)
        #expect(r.defaultHalf(at: t("00:00")) == .am)
        #expect(!r.isClosed(.am, at: t("09:15")))
        #expect(r.isClosed(.am, at: t("09:16")))
        #expect(!r.isClosed(.pm, at: t("13:00")))
        #expect(r.isClosed(.pm, at: t("13:31")))
    }
}
