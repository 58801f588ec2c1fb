import Attendance

/// One line of typed text with a cursor: the search box, the command line, a reason.
public struct TextField: Hashable, Sendable {
    public var text: String
    /// In characters from the start.
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    /// Edits for the keys a text box takes; false for keys it leaves to others.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            let i = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: i)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            let i = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: i)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): text = ""; cursor = 0
        default: return false
        }
        return true
    }

    /// Inserts pasted text at the cursor. Line ends become "\n" in a multi-line field (a
    /// note) and spaces in a one-line one; tabs become spaces and other control characters go.
    public mutating func insert(_ pasted: String, multiline: Bool) {
        var clean = ""
        clean.reserveCapacity(pasted.utf8.count)
        var lastWasCR = false
        for ch in pasted {
            defer { lastWasCR = ch == "\r" }
            switch ch {
            case "\r\n", "\r", "\n":
                if ch == "\n" && lastWasCR { continue }
                clean.append(multiline ? "\n" : " ")
            case "\t": clean.append(" ")
            default:
                if ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
                clean.append(ch)
            }
        }
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: clean, at: i)
        cursor += clean.count
    }

    /// Draws the text (its end, if it is too long) and returns the cursor's column.
    @discardableResult
    public func draw(into grid: inout Grid, x: Int, y: Int, width: Int, style: Style = .normal) -> Int {
        let before = text.prefix(cursor)
        // From the cursor back, as much as fits before it (one pass: a long paste stays quick).
        var start = before.endIndex
        var used = 0
        while start > before.startIndex {
            let prev = before.index(before: start)
            let w = DisplayWidth.of(before[prev])
            if used + w >= width { break }
            used += w
            start = prev
        }
        let shown = String(text[start...])
        grid.fill(x: x, y: y, width: width, height: 1, style: style)
        grid.put(shown, x: x, y: y, style: style, limit: width)
        let cursorColumn = x + used
        if cursorColumn < x + width { grid.restyle(x: cursorColumn, y: y, width: 1) { $0.selected = true } }
        return cursorColumn
    }
}
