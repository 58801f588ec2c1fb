import Attendance

/// Builds registers by hand for tests: codes laid on consecutive weekday sessions.
struct TestSchool {
    var school = School(name: "Test School")

    static func date(_ iso: String) -> SchoolDate { SchoolDate(iso)! }

    /// Lays `codes` on weekday sessions from `start` (AM first); returns the next free session.
    @discardableResult
    mutating func lay(_ codes: [AttendanceCode], for upn: String, from start: Session) -> Session {
        var s = start
        for code in codes {
            while s.date.isWeekend { s = Session(s.date.adding(days: 1), .am) }
            school.register.record(Mark(code), for: upn, at: s)
            s = s.next
        }
        while s.date.isWeekend { s = Session(s.date.adding(days: 1), .am) }
        return s
    }

    mutating func set(_ code: AttendanceCode, for upn: String, on iso: String, _ half: SessionHalf, minutes: Int? = nil) {
        school.register.record(Mark(code, minutesLate: minutes), for: upn, at: Session(Self.date(iso), half))
    }

    /// Whole days (both sessions) of one code per weekday.
    mutating func days(_ code: AttendanceCode, for upn: String, _ isoDates: [String]) {
        for d in isoDates {
            set(code, for: upn, on: d, .am)
            set(code, for: upn, on: d, .pm)
        }
    }

    var stats: Statistics { school.statistics }
}

/// `[(code, n)]` → a flat list, in that order.
func repeated(_ spec: [(AttendanceCode, Int)]) -> [AttendanceCode] {
    spec.flatMap { Array(repeating: $0.0, count: $0.1) }
}

/// Sessions where the present mark must match the half: alternate / and \.
func presentSessions(_ n: Int) -> [AttendanceCode] {
    (0..<n).map { $0 % 2 == 0 ? .presentAM : .presentPM }
}
