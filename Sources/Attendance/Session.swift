/// Registers are taken twice a day: the morning and the afternoon session.
public enum SessionHalf: Int, CaseIterable, Hashable, Comparable, Sendable, Codable {
    case am = 0
    case pm = 1

    public var label: String { self == .am ? "AM" : "PM" }

    public init?(label: String) {
        switch label.trimmingSpaces().uppercased() {
        case "AM", "A", "MORNING": self = .am
        case "PM", "P", "AFTERNOON": self = .pm
        default: return nil
        }
    }

    public static func < (a: SessionHalf, b: SessionHalf) -> Bool { a.rawValue < b.rawValue }
}

/// One register: a day and its half. Ordered in time, AM before PM.
public struct Session: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: SchoolDate
    public let half: SessionHalf

    public init(_ date: SchoolDate, _ half: SessionHalf) {
        self.date = date
        self.half = half
    }

    /// A single integer that orders sessions: two per day.
    public var ordinal: Int { date.dayNumber * 2 + half.rawValue }

    public init(ordinal: Int) {
        let day = ordinal >= 0 ? ordinal / 2 : (ordinal - 1) / 2
        self.init(SchoolDate(dayNumber: day), ordinal - day * 2 == 0 ? .am : .pm)
    }

    public var academicYear: AcademicYear { AcademicYear(containing: date) }

    /// Index of this session in its academic year's register (0 = AM on 1 September).
    public var slotInYear: Int { (date.dayNumber - academicYear.firstDay.dayNumber) * 2 + half.rawValue }

    public var next: Session { Session(ordinal: ordinal + 1) }

    public static func < (a: Session, b: Session) -> Bool { a.ordinal < b.ordinal }

    public var description: String { "\(date) \(half.label)" }
}
