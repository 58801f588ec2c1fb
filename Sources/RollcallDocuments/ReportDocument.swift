import Attendance

/// A report as tables (and, in the PDF, a chart) with its title: one value that is printed
/// as aligned text, written as CSV, or drawn as an A4 PDF, so the three formats never
/// disagree. The figures are worked out by the domain before they get here.
public struct ReportDocument: Sendable {
    public struct Table: Sendable {
        public var heading: String
        public var columns: [String]
        public var rows: [[String]]
        /// Said under the heading, or in place of the table when it has no rows.
        public var note: String?
        public init(_ heading: String, columns: [String], rows: [[String]], note: String? = nil) {
            self.heading = heading
            self.columns = columns
            self.rows = rows
            self.note = note
        }
    }

    /// Bars, one a week, of a percentage; drawn in the PDF, listed in text and CSV.
    public struct Chart: Sendable {
        public var heading: String
        public var bars: [(label: String, percent: Double?)]
        /// A line across the chart (the 90% persistent-absence line, say).
        public var line: Double?
        public init(_ heading: String, bars: [(label: String, percent: Double?)], line: Double? = nil) {
            self.heading = heading
            self.bars = bars
            self.line = line
        }

        var table: Table {
            Table(heading, columns: ["Week", "Attendance %"], rows: bars.map { [$0.label, $0.percent.map(PercentText.truncated) ?? "–"] })
        }
    }

    public enum Part: Sendable {
        case table(Table)
        case chart(Chart)
    }

    public var school: String
    public var title: String
    /// Lines under the title: the date, the period, what the figures mean.
    public var lines: [String]
    public var parts: [Part]

    public init(school: String, title: String, lines: [String] = [], parts: [Part]) {
        self.school = school
        self.title = title
        self.lines = lines
        self.parts = parts
    }

    var tables: [Table] {
        parts.map { part in
            switch part {
            case .table(let t): return t
            case .chart(let c): return c.table
            }
        }
    }

    /// Aligned columns for a terminal or a text file.
    public var text: String {
        var out = [school, title] + lines
        for t in tables {
            out += ["", t.heading]
            if let note = t.note { out.append(note) }
            if t.rows.isEmpty { continue }
            // A cell of several lines (a contact each, say) reads as one line in a terminal.
            let all = ([t.columns] + t.rows).map { $0.map { $0.split(separator: "\n").joined(separator: "; ") } }
            let widths = t.columns.indices.map { i in all.map { i < $0.count ? DisplayWidth.of($0[i]) : 0 }.max() ?? 0 }
            for row in all {
                var line = ""
                for (i, cell) in row.enumerated() {
                    line += cell + (i == row.count - 1 ? "" : String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + 2))
                }
                while line.hasSuffix(" ") { line.removeLast() }
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// CSV: one table as it is; several with a first column naming the table each row is from.
    public var csv: String {
        let tables = self.tables
        if tables.count == 1 {
            return ([tables[0].columns] + tables[0].rows).map(CSVWriter.reportRow).joined()
        }
        var out = ""
        for t in tables {
            out += CSVWriter.reportRow(["table"] + t.columns)
            for row in t.rows { out += CSVWriter.reportRow([t.heading] + row) }
        }
        return out
    }

    /// An A4 PDF: the school and title at the top, then each table and chart in turn.
    public func writePDF(to path: String) throws {
        let pdf = try PDFPages(path: path)
        pdf.text(school, font: .init(16, bold: true))
        pdf.text(title, font: .init(13, bold: true))
        for line in lines { pdf.text(line, font: .init(9), grey: 0.3) }
        pdf.rule()
        for part in parts {
            pdf.space(10)
            switch part {
            case .table(let t): draw(t, on: pdf)
            case .chart(let c): draw(c, on: pdf)
            }
        }
        try pdf.finish()
    }

    func draw(_ t: Table, on pdf: PDFPages) {
        pdf.keep(60)
        pdf.text(t.heading, font: .init(11, bold: true))
        if let note = t.note { pdf.text(note, font: .init(8), grey: 0.3) }
        guard !t.rows.isEmpty else { return }
        pdf.space(3)
        // Each column as wide as its widest cell line or header word (measured by Pango),
        // a long column at most 40% of the page; then all scaled to fill the text column.
        let natural = t.columns.indices.map { i -> Double in
            let header = t.columns[i].split(separator: " ").map { pdf.naturalWidth(String($0), font: .init(8, bold: true)) }.max() ?? 0
            let cells = t.rows.flatMap { i < $0.count ? $0[i].split(separator: "\n").map(String.init) : [] }
                .map { pdf.naturalWidth($0, font: .init(8)) }.max() ?? 0
            return max(header, min(cells, pdf.contentWidth * 0.4)) + 8
        }
        let widths = Self.share(pdf.contentWidth, among: natural)
        func row(_ cells: [String], bold: Bool, shade: Bool) {
            let heights = cells.enumerated().map { i, c in
                pdf.text(c, x: 0, width: widths[i] - 4, font: .init(8, bold: bold), advance: false, measureOnly: true)
            }
            let height = (heights.max() ?? 10) + 2
            pdf.keep(height)
            if shade { pdf.box(x: pdf.margin, y: pdf.y, width: pdf.contentWidth, height: height, grey: 0.93) }
            var x = pdf.margin
            for (i, c) in cells.enumerated() where i < widths.count {
                pdf.text(c, x: x + 2, width: widths[i] - 4, font: .init(8, bold: bold), advance: false)
                x += widths[i]
            }
            pdf.space(height)
        }
        row(t.columns, bold: true, shade: true)
        for (n, r) in t.rows.enumerated() { row(r, bold: false, shade: n % 2 == 1) }
    }

    /// Narrow columns get all they need; the wide ones share what is left equally (so a
    /// long column of notes never squeezes the names); any room over is spread in proportion.
    static func share(_ width: Double, among natural: [Double]) -> [Double] {
        var widths = natural
        var left = width
        var open = natural.indices.sorted { natural[$0] < natural[$1] }
        while let i = open.first {
            let fair = left / Double(open.count)
            widths[i] = min(natural[i], fair)
            left -= widths[i]
            open.removeFirst()
        }
        let total = widths.reduce(0, +)
        return total < width ? widths.map { $0 * width / total } : widths
    }

    func draw(_ c: Chart, on pdf: PDFPages) {
        let height = 150.0
        pdf.keep(height + 40)
        pdf.text(c.heading, font: .init(11, bold: true))
        pdf.space(4)
        let values = c.bars.compactMap(\.percent)
        // The scale starts 5 points under the lowest week (or the line), so a dip shows.
        let floor = max(0, ((min(values.min() ?? 90, c.line ?? 100) - 5) / 5).rounded(.down) * 5)
        let top = pdf.y, left = pdf.margin + 28, width = pdf.contentWidth - 28
        func yFor(_ v: Double) -> Double { top + height - (v - floor) / (100 - floor) * height }
        for tick in stride(from: floor, through: 100, by: 100 - floor > 40 ? 10.0 : 5.0) {
            pdf.text(PercentText.truncated(tick), x: pdf.margin, width: 24, font: .init(7), grey: 0.4, advance: false, align: .right, at: yFor(tick) - 5)
            pdf.line(x1: left, y1: yFor(tick), x2: left + width, y2: yFor(tick), grey: 0.85)
        }
        let slot = width / Double(max(1, c.bars.count))
        for (i, bar) in c.bars.enumerated() {
            guard let v = bar.percent else { continue }
            pdf.box(x: left + Double(i) * slot + slot * 0.15, y: yFor(v), width: slot * 0.7, height: top + height - yFor(v), grey: 0.45)
        }
        if let line = c.line { pdf.line(x1: left, y1: yFor(line), x2: left + width, y2: yFor(line), grey: 0, width: 1) }
        pdf.y = top + height + 2
        // Every few weeks labelled, so the labels never overlap.
        let every = max(1, Int((Double(c.bars.count) * 34 / width).rounded(.up)))
        for (i, bar) in c.bars.enumerated() where i % every == 0 {
            pdf.text(bar.label, x: left + Double(i) * slot, width: 40, font: .init(6), grey: 0.4, advance: false)
        }
        pdf.space(12)
        if let line = c.line { pdf.text("The line is \(PercentText.truncated(line))%.", font: .init(7), grey: 0.4) }
    }
}
