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

    /// The school's date and time of day at `instant`.
    public static func local(_ instant: Date, timeZone id: String) -> (date: SchoolDate, time: ClockTime) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone(id)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (SchoolDate(year: c.year!, month: c.month!, day: c.day!)!, ClockTime(hour: c.hour!, minute: c.minute!)!)
    }
}
