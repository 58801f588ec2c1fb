import Attendance
import Foundation

/// The one clock a process runs by, shared by the app, the store and every command.
///
/// It tells two things apart. The *instant* is the real time, which the audit trail records
/// whatever else is set. The *school's moment* (its date and time of day, in the school's time
/// zone) is what every rule uses: which register is open, whether a change is an amendment,
/// whether a day has passed, what is due. `--today` and `--now` fix the school's moment for
/// training, tests and demonstrations; without them it follows the instant.
public struct Clock {
    /// The real time: what the audit trail records.
    public var instant: () -> Date
    /// The school's date, fixed (`--today`); nil follows the instant.
    public var fixedDate: SchoolDate?
    /// The school's time of day, fixed (`--now`); nil follows the instant.
    public var fixedTime: ClockTime?

    public init(instant: @escaping () -> Date = Date.init, fixedDate: SchoolDate? = nil, fixedTime: ClockTime? = nil) {
        self.instant = instant
        self.fixedDate = fixedDate
        self.fixedTime = fixedTime
    }

    /// The machine's clock, nothing fixed.
    public static var system: Clock { Clock() }

    /// True when `--today` or `--now` set the school's moment apart from the real time.
    public var isFixed: Bool { fixedDate != nil || fixedTime != nil }

    /// The school's date and time of day now, in the time zone `timeZone` (an IANA id).
    public func moment(timeZone: String) -> (date: SchoolDate, time: ClockTime) {
        if let fixedDate, let fixedTime { return (fixedDate, fixedTime) }
        let real = SchoolClock.local(instant(), timeZone: timeZone)
        return (fixedDate ?? real.date, fixedTime ?? real.time)
    }

    /// "2026-11-30 09:05": the school's moment as the journal records it beside the real
    /// instant when the two may differ (nil when nothing is fixed).
    public func recordedMoment(timeZone: String) -> String? {
        guard isFixed else { return nil }
        return recordedMoment(of: moment(timeZone: timeZone))
    }

    /// The same for a moment already read from this clock (a change reads it once).
    public func recordedMoment(of m: (date: SchoolDate, time: ClockTime)) -> String? {
        guard isFixed else { return nil }
        return "\(m.date) \(m.time)"
    }
}
