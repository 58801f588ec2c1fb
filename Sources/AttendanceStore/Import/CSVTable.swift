import SwiftCSV

/// A parsed CSV file: its header and each data row with the line it starts on, so that
/// every error can name its line even when quoted fields hold line breaks.
struct CSVTable {
    struct Row {
        var line: Int
        var fields: [String]

        init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }

        /// A row from a record's cells, trimmed; nil for a record with nothing in it.
        init?(line: Int, cells: [String]) {
            // Trim only what needs it: most cells from an export have no surrounding spaces.
            let fields = cells.map { CSVTable.mayNeedTrim($0) ? $0.trimmed : $0 }
            guard fields.contains(where: { !$0.isEmpty }) else { return nil }
            self.init(line: line, fields: fields)
        }
    }

    var header: [String]
    /// Normalised header name → column index.
    var columns: [String: Int]
    var rows: [Row]
    /// Normalised field name → column index, from `--map FIELD=HEADER`.
    var mapped: [String: Int] = [:]

    /// Column names compare ignoring case, spaces, underscores, hyphens and full stops, so
    /// `Session.Mark`, `session_mark` and `SESSION MARK` are the same column.
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" && $0 != "." })
    }

    /// Parses the text and applies `mapping` (field → header, from `--map`); `fields` are the
    /// field names this import knows, for the message when a mapping names another.
    /// A SIMS report saved as XML (`RecordXML`) is read into the same table, by content
    /// rather than by the file's extension.
    static func parse(_ rawText: String, file: String, mapping: [String: String], fields: [String]) throws(ImportFailure) -> CSVTable {
        var table = RecordXML.isXML(rawText) ? try RecordXML.table(rawText, file: file) : try parse(rawText, file: file)
        try table.apply(mapping, fields: fields, file: file)
        return table
    }

    /// Applies `--map FIELD=HEADER` (see `parse(_:file:mapping:fields:)`).
    mutating func apply(_ mapping: [String: String], fields: [String], file: String) throws(ImportFailure) {
        var problems: [ImportFailure.Problem] = []
        let known = Set(fields.map(CSVTable.normalise))
        for (field, header) in mapping.sorted(by: { $0.key < $1.key }) {
            if !known.contains(CSVTable.normalise(field)) {
                problems.append(.init(line: 1, reason: "--map \(field)=\(header): this import has no field \"\(field)\"; its fields are \(fields.joined(separator: ", "))"))
            } else if let i = columns[CSVTable.normalise(header)] {
                mapped[CSVTable.normalise(field)] = i
            } else {
                problems.append(.init(line: 1, reason: "--map \(field)=\(header): the file has no column \"\(header)\"; its columns are \(headerList)"))
            }
        }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems) }
    }

    /// The header as found, for messages: `"UPN", "Date", "Mark"`.
    var headerList: String { header.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// The line that ends a failure over missing columns: what was found and what is needed.
    func layoutProblem(needs: String) -> ImportFailure.Problem {
        .init(line: 1, reason: "the file's columns are \(headerList); it needs \(needs) (name a column with --map FIELD=HEADER)")
    }

    /// The delimiter the header line uses: comma, semicolon or tab (outside quotes). A
    /// header with more than one of them is refused rather than guessed at.
    static func delimiter(of text: String, file: String) throws(ImportFailure) -> Character {
        var counts: [Character: Int] = [:]
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() } else if !quoted {
                if c == "\n" || c == "\r\n" || c == "\r" { break }
                if c == "," || c == ";" || c == "\t" { counts[c, default: 0] += 1 }
            }
        }
        guard counts.count > 1 else { return counts.keys.first ?? "," }
        let names: [Character: String] = [",": "commas", ";": "semicolons", "\t": "tabs"]
        let found = [",", ";", "\t"].filter { counts[$0] != nil }.map { "\(counts[$0]!) \(names[$0]!)" }
        throw ImportFailure(file: file, problems: [.init(line: 1, reason: "cannot tell how the columns are separated: the first line has \(found.joined(separator: " and ")); save it with one delimiter (comma, semicolon or tab), or quote the column names that hold the others")])
    }

    static func parse(_ rawText: String, file: String) throws(ImportFailure) -> CSVTable {
        var text = rawText
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let delimiter: CSVDelimiter = switch try delimiter(of: text, file: file) {
        case ";": .semicolon
        case "\t": .tab
        default: .comma
        }
        // Rows are streamed from the parser, so a 600,000-row file is held once, not three times.
        var headerFields: [String] = []
        var rows: [Row] = []
        var line = 1
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: delimiter, loadColumns: false, rowLimit: 1)
            headerFields = csv.header
            line += CSVTable.lineBreaks(in: headerFields) + 1
            var tooLong: [ImportFailure.Problem] = CSVTable.longFields(headerFields, line: 1)
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
                tooLong += CSVTable.longFields(fields, line: line)
                if tooLong.isEmpty, let row = Row(line: line, cells: fields) { rows.append(row) }
                line += 1 + CSVTable.lineBreaks(in: fields)
            }
            if !tooLong.isEmpty { throw ImportFailure(file: file, problems: tooLong) }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            let line = CSVTable.firstBadQuoteLine(text, delimiter: delimiter) ?? 1
            throw ImportFailure(file: file, problems: [.init(line: line, reason: "badly formed quotes (a field that starts with \" must end with \", and a \" inside a field is written \"\")")])
        }
        return try CSVTable(headerFields: headerFields, rows: rows, file: file)
    }

    /// A table from its header record as read (names are trimmed) and its rows.
    init(headerFields: [String], rows: [Row], file: String) throws(ImportFailure) {
        guard headerFields.contains(where: { !$0.isEmpty }) else {
            throw ImportFailure(file: file, problems: [.init(line: 1, reason: "the file is empty; the first line must name the columns")])
        }
        header = headerFields.map(\.trimmed)
        columns = [:]
        for (i, name) in header.enumerated() where columns[CSVTable.normalise(name)] == nil { columns[CSVTable.normalise(name)] = i }
        self.rows = rows
    }

    /// Index of the column mapped to the field `names[0]`, else the first column whose
    /// normalised name is any of `names`.
    func column(_ names: [String]) -> Int? {
        if !mapped.isEmpty, let first = names.first, let i = mapped[CSVTable.normalise(first)] { return i }
        for n in names { if let i = columns[CSVTable.normalise(n)] { return i } }
        return nil
    }

    /// The most one field may hold: no name, date or note comes near it, and a field of
    /// megabytes (one 50 MB surname) would slow every command that reads it, for good.
    static let fieldLimit = 65_536

    /// A problem for each field of a record longer than `fieldLimit` bytes.
    static func longFields(_ fields: [String], line: Int) -> [ImportFailure.Problem] {
        fields.enumerated().filter { $0.element.utf8.count > fieldLimit }.map {
            .init(line: line, reason: "field \($0.offset + 1) is \($0.element.utf8.count) bytes long; a field is at most 64 KB (\(fieldLimit) bytes)")
        }
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        var n = 0
        for f in fields where f.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }) {
            n += f.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        }
        return n
    }

    /// Whether a cell may start or end with white space, from its bytes where they are ASCII
    /// (asking a Character for its Unicode properties costs more than the rest of the row).
    static func mayNeedTrim(_ cell: String) -> Bool {
        guard let first = cell.utf8.first, let last = cell.utf8.last else { return false }
        func maybe(_ b: UInt8) -> Bool { b >= 0x80 || b == 0x20 || (0x09...0x0D).contains(b) }
        return maybe(first) || maybe(last)
    }

    /// Finds the line where quoting first goes wrong, by parsing record by record.
    private static func firstBadQuoteLine(_ text: String, delimiter: CSVDelimiter) -> Int? {
        var buffer = ""
        var startLine = 1
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if buffer.isEmpty { startLine = lineNumber } else { buffer += "\n" }
            buffer += line
            let quotes = buffer.reduce(0) { $0 + ($1 == "\"" ? 1 : 0) }
            guard quotes % 2 == 0 else { continue }
            if (try? EnumeratedCSV(string: "x\n" + buffer, delimiter: delimiter, loadColumns: false)) == nil { return startLine }
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
