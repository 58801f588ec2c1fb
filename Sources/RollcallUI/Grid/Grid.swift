import Attendance

/// One terminal cell: a grapheme cluster and its style. A double-width character (李) sits
/// in its first cell with width 2; the cell to its right is a continuation with width 0.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .normal) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

/// The screen as plain values: views draw into a grid, tests read it as text, and the
/// ncurses driver paints only the cells that differ from the last frame.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from column x on row y, clipped to `limit` columns (default: the row's
    /// end). Returns the columns used. A wide character that would not fit is left out
    /// rather than split; one that overwrites half of another blanks the other half.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var col = x
        for ch in EnteredText.shown(text, keepingLayout: true) {  // a control character is shown, never sent
            var w = DisplayWidth.of(ch)
            if ch == "\t" || ch == "\n" { w = 1 }
            if w == 0 { continue }  // a stray control or combining mark on its own
            if col + w > end { break }
            if col >= 0 {
                clearHalf(at: col)
                if w == 2 { clearHalf(at: col + 1) }
                self[col, y] = Cell(ch == "\t" || ch == "\n" ? " " : String(ch), width: UInt8(w), style: style)
                if w == 2 { self[col + 1, y] = Cell("", width: 0, style: style) }
            }
            col += w
        }
        return col - x

        func clearHalf(at c: Int) {
            guard c >= 0, c < width else { return }
            let cell = self[c, y]
            if cell.isContinuation, c > 0 { self[c - 1, y] = Cell(" ", style: self[c - 1, y].style) }
            if cell.width == 2, c + 1 < width { self[c + 1, y] = Cell(" ", style: cell.style) }
        }
    }

    /// Fills a rectangle with spaces in one style (a selected row, a dialog's background).
    /// Clipped to the grid: a rectangle partly or wholly outside it (a form in a window too
    /// narrow for it) fills only what is inside.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        let rows = max(0, y)..<max(max(0, y), min(height, y + h))
        let cols = max(0, x)..<max(max(0, x), min(width, x + w))
        for row in rows {
            for col in cols { self[col, row] = Cell(" ", style: style) }
        }
    }

    /// Changes the style of a run of cells, keeping their text (highlighting a row).
    public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<max(max(0, x), min(width, x + w)) { change(&cells[y * width + col].style) }
    }

    // MARK: Reading it back (tests, the tmux comparison)

    /// Each row as text, wide characters once, trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// One letter per column: the tone's letter, upper-cased where the cell is selected, `*`
    /// for bold normal text; continuation cells repeat their character's letter.
    public var styleMask: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                let st = self[x, y].style
                var letter = st.tone.maskLetter
                if st.tone == .normal && st.bold { letter = "*" }
                if st.selected { letter = letter == "." ? "#" : Character(letter.uppercased()) }
                s.append(letter)
            }
            return s
        }
    }
}
