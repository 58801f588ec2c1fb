/// A time of day on the school's clock, to the minute: when a register opens or closes,
/// when a pupil arrived. Kept as minutes since midnight; no dates, no time zones.
public struct ClockTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 0 (00:00) to 1439 (23:59).
    public let minutesSinceMidnight: Int

    /// nil unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutesSinceMidnight = hour * 60 + minute
    }

    /// Strictly "H:MM" or "HH:MM" on the 24-hour clock: "8:40", "08:40", "13:30".
    /// Refuses "24:00", "25:99", "8:60", "8:5", "8.40" and anything else.
    public init?(parsing text: String) {
        let t = Array(text.trimmingSpaces().utf8)
        guard let colon = t.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let h = t[..<colon], m = t[(colon + 1)...]
        guard (1...2).contains(h.count), m.count == 2,
              (h + m).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let number = { (d: ArraySlice<UInt8>) in d.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        self.init(hour: number(h), minute: number(m))
    }

    /// How the accepted form is described when a time is refused.
    public static let acceptedForm = "HH:MM on the 24-hour clock, e.g. 08:40 or 13:30"

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    /// Whole minutes from `other` until this time (negative if this is earlier).
    public func minutes(since other: ClockTime) -> Int { minutesSinceMidnight - other.minutesSinceMidnight }

    /// "08:40".
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let t = ClockTime(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(text)\" is not a time (\(ClockTime.acceptedForm))")
        }
        self = t
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
