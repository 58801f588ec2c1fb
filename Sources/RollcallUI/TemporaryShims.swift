// TEMPORARY until the prep and settings branches merge: delete this file then.
import Attendance
extension School {
    func onRoll(at session: Session) -> [Pupil] { roll.filter { register.mark(for: $0.upn, at: session)?.code != .notYetOnRoll } }
    func openSessions(on date: SchoolDate) -> [SessionHalf] { SessionHalf.allCases.filter { statistics.schoolDays.isOpen(Session(date, $0)) } }
    var registrationGroups: [String] { var seen: [String] = []; for p in roll where !seen.contains(p.registrationGroup) { seen.append(p.registrationGroup) }; return seen }
    func isClosed(group: String, session: Session) -> Bool { false }
    var settings: ShimSettings { ShimSettings() }
}
struct ShimSettings { var registerTimes = ShimTimes() }
struct ShimTimes { var amCloses = "09:15"; var pmCloses = "13:30"
    func lateMark(arrivedAt: ClockTime, half: SessionHalf, reason: String?) -> Mark { Mark(.lateBeforeClose, minutesLate: 5, comment: reason) } }
struct ClockTime { init?(parsing: String) {} }
extension AttendanceCode { static func present(for h: SessionHalf) -> AttendanceCode { h == .am ? .presentAM : .presentPM } }
struct RegisterClosure { var group: String; var session: Session }
extension RegisterScreen { static func closingShim() {} }
