import Attendance
import Foundation

/// Where the clock meets the school's day: the domain is given dates and times, and this is
/// where they are worked out, in the school's time zone (its settings; Europe/London if the
/// id is not one this system knows).
public enum SchoolClock {
    public static func timeZone(_ id: String) -> TimeZone {
        TimeZone(identifier: id) ?? TimeZone(identifier: SchoolSettings.defaultTimeZone) ?? TimeZone(secondsFromGMT: 0)!
    }

    /// "GMT" or "BST" for London; the zone's own abbreviation, or its offset, elsewhere.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        if zone.identifier == "Europe/London" { return zone.isDaylightSavingTime(for: date) ? "BST" : "GMT" }
        return zone.abbreviation(for: date) ?? zone.identifier
    }

    public static func isKnownTimeZone(_ id: String) -> Bool { TimeZone(identifier: id) != nil }

    /// A Gregorian calendar in the zone `id`, made once per zone: every change reads the
    /// school's moment, and making the calendar and finding the zone cost more than the rest.
    private static func calendar(_ id: String) -> Calendar { calendars.calendar(id) }

    private static let calendars = Calendars()

    private final class Calendars: @unchecked Sendable {
        private let lock = NSLock()
        private var byZone: [String: Calendar] = [:]

        func calendar(_ id: String) -> Calendar {
            lock.lock()
            defer { lock.unlock() }
            if let known = byZone[id] { return known }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = SchoolClock.timeZone(id)
            byZone[id] = calendar
            return calendar
        }
    }

    /// The school's date and time of day at `instant`.
    public static func local(_ instant: Date, timeZone id: String) -> (date: SchoolDate, time: ClockTime) {
        let c = calendar(id).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (SchoolDate(year: c.year!, month: c.month!, day: c.day!)!, ClockTime(hour: c.hour!, minute: c.minute!)!)
    }
}
