import Attendance
import Foundation

/// UTC timestamps for the journal and backup names, computed without a formatter: a
/// DateFormatter costs more to make than a durable write takes.
package enum Timestamp {
    /// "2025-12-01T09:15:00Z"
    package static func iso(_ date: Date) -> String {
        let (day, h, m, s) = parts(date)
        return "\(day)T\(two(h)):\(two(m)):\(two(s))Z"
    }

    /// "2025-12-01T091500Z", safe in a file name.
    static func compact(_ date: Date) -> String {
        let (day, h, m, s) = parts(date)
        return "\(day)T\(two(h))\(two(m))\(two(s))Z"
    }

    static func day(_ date: Date) -> String { parts(date).0.description }

    /// "09:15" in the school's time zone, from a journal timestamp; nil if it is not one.
    static func localClock(_ iso: String, timeZone: String) -> String? {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return nil }
        return SchoolClock.local(date, timeZone: timeZone).time.description
    }

    private static func parts(_ date: Date) -> (SchoolDate, Int, Int, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        return (SchoolDate(dayNumber: days), rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Journal timestamps (UTC, as the audit trail stores them) as people read them: in the
/// school's time zone (a school setting, Europe/London by default), whatever the computer's.
public enum LocalTime {
    /// "09:15", or the timestamp itself if it is not one.
    public static func time(_ iso: String, timeZone: String) -> String { Timestamp.localClock(iso, timeZone: timeZone) ?? iso }

    /// "2025-12-01 09:15".
    public static func dateTime(_ iso: String, timeZone: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let local = SchoolClock.local(date, timeZone: timeZone)
        return "\(local.date) \(local.time)"
    }

    /// "2025-12-01 09:15:07 GMT": to the second, with the zone's abbreviation (GMT or BST).
    public static func stamp(_ iso: String, timeZone: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let zone = SchoolClock.timeZone(timeZone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = SchoolDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)?.description ?? ""
        let two = { (n: Int?) in String(format: "%02d", n ?? 0) }
        return "\(day) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(SchoolClock.abbreviation(zone, at: date))"
    }
}
