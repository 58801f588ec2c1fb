/// A key as the app understands it. The driver translates ncurses codes into these in one
/// place; everything else (bindings, forms, tests) speaks only `Key`.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl with a letter: `.ctrl("s")` is Ctrl-S.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How the footer and the help screen name the key.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }

    /// The character a key types into a text field, if any.
    public var typed: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
