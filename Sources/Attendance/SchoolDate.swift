/// A calendar day with no time or time zone: registers are taken per day and session,
/// so attendance arithmetic never needs clocks. Stored as days since 1970-01-01.
public struct SchoolDate: Hashable, Comparable, Sendable {
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Nil for an impossible date (31 April, 29 February in a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= SchoolDate.daysInMonth(year: year, month: month) else { return nil }
        // Days-from-civil (proleptic Gregorian), after Howard Hinnant's well-known algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146_097 + doe - 719_468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// ISO weekday: Monday 1 … Sunday 7. 1970-01-01 was a Thursday.
    public var weekday: Weekday {
        let w = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: w + 1)!
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// The Monday that starts this date's Monday–Sunday week.
    public var weekStart: SchoolDate { adding(days: -(weekday.rawValue - 1)) }

    public func adding(days: Int) -> SchoolDate { SchoolDate(dayNumber: dayNumber + days) }

    public func days(until other: SchoolDate) -> Int { other.dayNumber - dayNumber }

    public static func < (a: SchoolDate, b: SchoolDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

public enum Weekday: Int, CaseIterable, Sendable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var shortName: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }
}

// MARK: - Text forms

extension SchoolDate: CustomStringConvertible, LosslessStringConvertible {
    /// ISO 8601 `YYYY-MM-DD`, the form every file and the command line use.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    /// Accepts ISO `YYYY-MM-DD` only; `init(parsing:)` also takes UK dates.
    public init?(_ text: String) {
        guard let date = SchoolDate.parseISO(Substring(text)) else { return nil }
        self = date
    }

    /// ISO `YYYY-MM-DD` or UK `DD/MM/YYYY` (as school MIS exports write them).
    public init?(parsing text: String) {
        let t = text.trimmingSpaces()
        if let iso = SchoolDate.parseISO(Substring(t)) { self = iso; return }
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count),
              (1...2).contains(parts[1].count),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              let date = SchoolDate(year: y, month: m, day: d) else { return nil }
        self = date
    }

    private static func parseISO(_ t: Substring) -> SchoolDate? {
        if let fast = t.utf8.withContiguousStorageIfAvailable({ parseISOBytes($0) }) { return fast }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return SchoolDate(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` read straight from UTF-8: stores hold thousands of dates, and the
    /// general parser's `split` costs more than everything else about a date.
    public static func parseISOBytes(_ b: UnsafeBufferPointer<UInt8>) -> SchoolDate? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        return SchoolDate(year: y, month: m, day: d)
    }

    /// "3 Nov 2025", for reasons and letters read by people.
    public var spoken: String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d) = components
        return "\(d) \(names[m - 1]) \(y)"
    }
}

extension SchoolDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let date = SchoolDate(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date (YYYY-MM-DD): \(text)")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Trims spaces, tabs and line breaks without Foundation (the domain has no Foundation).
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

// MARK: - Dates typed by people

extension SchoolDate {
    /// Which day a bare weekday name means.
    public enum WeekdayReading: Sendable {
        /// The most recent one on or before today (`monday` on a Monday is today): for the
        /// day a register, a call or a decision belongs to.
        case last
        /// The first one after today (`monday` on a Monday is a week on): for a follow-up,
        /// a review or the end of a timetable.
        case next
    }

    /// The forms `init(parsing:today:weekdays:)` accepts, for error messages and help.
    public static let acceptedForms: [String] = [
        "YYYY-MM-DD (2025-11-03)", "DD/MM/YYYY (03/11/2025)", "today", "yesterday", "tomorrow",
        "a weekday name: monday … sunday or mon … sun (the last one; the next one for a follow-up or review)",
    ]

    /// ISO or UK dates, `today`, `yesterday`, `tomorrow`, or a weekday name (`monday`,
    /// `Mon`, `thurs`: any first three letters or more), read relative to `today`. A weekday name is the last such day on or before
    /// today, or with `.next` the first after it. Case does not matter.
    public init?(parsing text: String, today: SchoolDate, weekdays: WeekdayReading = .last) {
        let word = text.trimmingSpaces().lowercased()
        switch word {
        case "today": self = today; return
        case "yesterday": self = today.adding(days: -1); return
        case "tomorrow": self = today.adding(days: 1); return
        default: break
        }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if word.count >= 3, let index = names.firstIndex(where: { $0.hasPrefix(word) }) {
            let target = index + 1, now = today.weekday.rawValue
            switch weekdays {
            case .last: self = today.adding(days: -((now - target + 7) % 7))
            case .next: self = today.adding(days: (target - now + 6) % 7 + 1)
            }
            return
        }
        guard let date = SchoolDate(parsing: text) else { return nil }
        self = date
    }
}
