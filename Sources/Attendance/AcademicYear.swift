/// An English academic year runs 1 September to 31 August; named by its starting year
/// ("2025-26" is `AcademicYear(startYear: 2025)`).
public struct AcademicYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    public init(containing date: SchoolDate) {
        let (y, m, _) = date.components
        startYear = m >= 9 ? y : y - 1
    }

    public var firstDay: SchoolDate { SchoolDate(year: startYear, month: 9, day: 1)! }
    public var lastDay: SchoolDate { SchoolDate(year: startYear + 1, month: 8, day: 31)! }
    public var dayCount: Int { firstDay.days(until: lastDay) + 1 }
    /// Register slots in the year: two sessions for every calendar day, open or not.
    public var sessionSlotCount: Int { dayCount * 2 }

    public func contains(_ date: SchoolDate) -> Bool { date >= firstDay && date <= lastDay }

    public var next: AcademicYear { AcademicYear(startYear: startYear + 1) }
    public var previous: AcademicYear { AcademicYear(startYear: startYear - 1) }

    public var description: String {
        let end = (startYear + 1) % 100
        return "\(startYear)-\(end < 10 ? "0" : "")\(end)"
    }

    /// Parses "2025-26" or "2025".
    public init?(_ text: String) {
        let head = text.split(separator: "-").first.map(String.init) ?? text
        guard head.count == 4, let y = Int(head) else { return nil }
        if text.contains("-") {
            guard AcademicYear(startYear: y).description == text else { return nil }
        }
        startYear = y
    }

    public static func < (a: AcademicYear, b: AcademicYear) -> Bool { a.startYear < b.startYear }
}
