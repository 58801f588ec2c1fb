// TEMPORARY until the prep branch merges: delete this file then.
import Attendance
extension School {
    func onRoll(at session: Session) -> [Pupil] { roll.filter { register.mark(for: $0.upn, at: session)?.code != .notYetOnRoll } }
    func openSessions(on date: SchoolDate) -> [SessionHalf] { SessionHalf.allCases.filter { statistics.schoolDays.isOpen(Session(date, $0)) } }
}
extension AttendanceCode { static func present(for h: SessionHalf) -> AttendanceCode { h == .am ? .presentAM : .presentPM } }
