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

/// Breaks text into lines of at most `columns` columns, at spaces where it can.
public func wrap(_ text: String, _ columns: Int) -> [String] {
    guard columns > 0, DisplayWidth.of(text) > columns else { return [text] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
        let candidate = line.isEmpty ? word : line + " " + word
        if DisplayWidth.of(candidate) <= columns { line = candidate; continue }
        if !line.isEmpty { lines.append(line) }
        var rest = word
        while DisplayWidth.of(rest) > columns {
            let piece = DisplayWidth.truncate(rest, to: columns)
            lines.append(piece)
            rest = String(rest.dropFirst(piece.count))
        }
        line = rest
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
