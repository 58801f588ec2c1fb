/// What a cell means, not what colour it is: the driver maps tones to colours (or, on a
/// monochrome terminal or with NO_COLOR, to bold/dim/reverse), and snapshot tests check tones.
public enum Tone: UInt8, CaseIterable, Hashable, Sendable {
    case normal
    /// Secondary text: hints, dates, UPNs.
    case dim
    /// Titles and headings.
    case title
    /// The mark categories, as the registration certificate colours them.
    case present, late, authorised, unauthorised, notPossible
    /// Needs attention soon (day 3, a review due); needs attention now (overdue, refused).
    case warning, alert
    /// Good news (a register complete, attendance improving).
    case good

    /// One letter per tone for the snapshot style masks.
    public var maskLetter: Character {
        switch self {
        case .normal: return "."
        case .dim: return "d"
        case .title: return "t"
        case .present: return "p"
        case .late: return "l"
        case .authorised: return "a"
        case .unauthorised: return "u"
        case .notPossible: return "n"
        case .warning: return "w"
        case .alert: return "!"
        case .good: return "g"
        }
    }
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var tone: Tone
    public var bold: Bool
    /// The selected row, the cursor, the focused field.
    public var selected: Bool

    public init(_ tone: Tone = .normal, bold: Bool = false, selected: Bool = false) {
        self.tone = tone
        self.bold = bold
        self.selected = selected
    }

    public static let normal = Style()
    public static let dim = Style(.dim)
    public static let title = Style(.title, bold: true)
    public static let alert = Style(.alert, bold: true)
    public static let warning = Style(.warning)
    public static let good = Style(.good)

    public func selecting(_ on: Bool) -> Style { var s = self; s.selected = on; return s }
    public func bolded(_ on: Bool = true) -> Style { var s = self; s.bold = on; return s }
}
