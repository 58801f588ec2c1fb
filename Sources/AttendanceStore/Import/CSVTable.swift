import SwiftCSV

/// A parsed CSV file: its header and each data row with the line it starts on, so that
/// every error can name its line even when quoted fields hold line breaks.
struct CSVTable {
    struct Row {
        var line: Int
        var fields: [String]
    }

    var header: [String]
    /// Normalised header name → column index.
    var columns: [String: Int]
    var rows: [Row]

    /// Column names compare ignoring case, spaces, underscores and hyphens.
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" })
    }

    static func parse(_ rawText: String, file: String) throws(ImportFailure) -> CSVTable {
        var text = rawText
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Rows are streamed from the parser, so a 600,000-row file is held once, not three times.
        var headerFields: [String] = []
        var rows: [Row] = []
        var line = 1
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 1)
            headerFields = csv.header
            line += CSVTable.lineBreaks(in: headerFields) + 1
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
                // Trim only what needs it: most cells from an export have no surrounding spaces.
                let cells = fields.map { $0.first?.isWhitespace == true || $0.last?.isWhitespace == true ? $0.trimmed : $0 }
                if cells.contains(where: { !$0.isEmpty }) { rows.append(Row(line: line, fields: cells)) }
                line += 1 + CSVTable.lineBreaks(in: fields)
            }
        } catch {
            let line = CSVTable.firstBadQuoteLine(text) ?? 1
            throw ImportFailure(file: file, problems: [.init(line: line, reason: "badly formed quotes (a field that starts with \" must end with \", and a \" inside a field is written \"\")")])
        }
        guard headerFields.contains(where: { !$0.isEmpty }) else {
            throw ImportFailure(file: file, problems: [.init(line: 1, reason: "the file is empty; the first line must name the columns")])
        }
        let header = headerFields.map(\.trimmed)
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() where columns[normalise(name)] == nil { columns[normalise(name)] = i }
        return CSVTable(header: header, columns: columns, rows: rows)
    }

    /// Index of the first column whose normalised name is any of `names`.
    func column(_ names: [String]) -> Int? {
        for n in names { if let i = columns[CSVTable.normalise(n)] { return i } }
        return nil
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
    }

    /// Finds the line where quoting first goes wrong, by parsing record by record.
    private static func firstBadQuoteLine(_ text: String) -> Int? {
        var buffer = ""
        var startLine = 1
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if buffer.isEmpty { startLine = lineNumber } else { buffer += "\n" }
            buffer += line
            let quotes = buffer.reduce(0) { $0 + ($1 == "\"" ? 1 : 0) }
            guard quotes % 2 == 0 else { continue }
            if (try? EnumeratedCSV(string: "x\n" + buffer, delimiter: .comma, loadColumns: false)) == nil { return startLine }
            buffer = ""
        }
        return buffer.isEmpty ? nil : startLine
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
