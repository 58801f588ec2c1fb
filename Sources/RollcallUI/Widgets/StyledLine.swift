import Attendance

/// A line of text in several styles: what document-like screens (the pupil page, help,
/// Today) are made of.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]

    public struct Span: Hashable, Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .normal) {
            self.text = text
            self.style = style
        }
    }

    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(_ text: String, _ style: Style = .normal) { spans = [Span(text, style)] }

    public static let blank = StyledLine()

    public mutating func add(_ text: String, _ style: Style = .normal) { spans.append(Span(text, style)) }

    public var text: String { spans.map(\.text).joined() }

    /// Draws the line from column x, clipped to width; a selected line is highlighted
    /// across the whole width.
    public func draw(into grid: inout Grid, x: Int, y: Int, width: Int, selected: Bool = false) {
        if selected { grid.fill(x: x, y: y, width: width, height: 1, style: Style(selected: true)) }
        var col = x
        for span in spans {
            let room = x + width - col
            guard room > 0 else { break }
            col += grid.put(span.text, x: col, y: y, style: span.style.selecting(selected || span.style.selected), limit: room)
        }
    }
}

/// Text padded or cut to an exact number of columns (names in CJK count double).
public func fit(_ text: String, _ columns: Int, right: Bool = false) -> String {
    let cut = DisplayWidth.truncate(text, to: columns)
    let pad = String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut)))
    return right ? pad + cut : cut + pad
}

/// "1 day", "3 days".
public func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
    "\(n) \(n == 1 ? one : (many ?? one + "s"))"
}

/// Breaks text into lines of at most `columns` columns, at spaces where it can. Widths are
/// added up word by word, not measured again for each candidate line (pupil pages wrap
/// hundreds of entries on every rebuild).
public func wrap(_ text: String, _ columns: Int) -> [String] {
    guard columns > 0 else { return [text] }
    // A newline typed or pasted into a note starts a new line.
    if text.contains("\n") { return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), columns) } }
    var lines: [String] = []
    var line = ""
    var used = 0
    var started = false  // the line has its first word (which may be empty: leading spaces)
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var w = String(word)
        var ww = DisplayWidth.of(w)
        if !started {
            started = true
        } else if used + 1 + ww <= columns {
            line += " " + w
            used += 1 + ww
            continue
        } else {
            lines.append(line)
        }
        // A word longer than a line is cut into pieces.
        while ww > columns {
            let piece = DisplayWidth.truncate(w, to: columns)
            lines.append(piece)
            w = String(w.dropFirst(piece.count))
            ww = DisplayWidth.of(w)
        }
        line = w
        used = ww
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}
