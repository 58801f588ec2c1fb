import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SIMS report saved as XML: a root (`<SuperStarReport>`) holding one `<Record>` per row,
/// each with an element per report field (`<Legal_Surname>`). It becomes the same table a CSV
/// does, so aliases, `--map` and every check after are the CSV import's own code.
enum RecordXML {
    /// Whether the text is XML rather than CSV, judged by its content: a CSV header never
    /// starts with `<`, and a file saved as `.csv` or `.txt` may still be XML.
    static func isXML(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest.removeFirst() }
        guard let start = rest.firstIndex(where: { !$0.isWhitespace }), rest[start] == "<" else { return false }
        let after = rest[rest.index(after: start)...]
        guard let next = after.first else { return false }
        return after.hasPrefix("?xml") || after.hasPrefix("!--") || next.isLetter || next == "_"
    }

    /// The table: header = every field name in the order first seen, one row per record (a
    /// field a record lacks is an empty cell), each row's line the line its record starts on.
    static func table(_ text: String, file: String) throws(ImportFailure) -> CSVTable {
        let (data, linesDropped) = utf8Document(text)
        if let refused = XMLInput.problem(data) {  // bytes that crash Foundation's XMLParser
            throw ImportFailure(file: file, problems: [.init(line: refused.line + linesDropped, reason: "\(refused.reason); nothing was read from it")])
        }
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        func fail(_ line: Int, _ reason: String) -> ImportFailure {
            ImportFailure(file: file, problems: [.init(line: line + linesDropped, reason: reason)])
        }
        // On Linux `parse()` can return true after an error, so the first error reported counts.
        let finished = parser.parse()
        if let error = reader.firstError ?? (finished ? nil : (parser.parserError.map { ($0 as NSError).code } ?? 0, parser.lineNumber)) {
            throw fail(error.line, "not well-formed XML (\(problem(error.code))); nothing was read from it")
        }
        if reader.root == "CTfile" {
            throw fail(1, "this is a Common Transfer File (CTF); import it with `rollcall import ctf \(file)`")
        }
        if reader.records.isEmpty {
            throw fail(1, "no records in the file: its root <\(reader.root ?? "")> holds no <Record> elements (a SIMS report saved as XML has one per row)")
        }
        if reader.header.isEmpty {
            throw fail(1, "the records in the file hold no fields (each <Record> needs an element per column, such as <UPN>)")
        }
        if !reader.problems.isEmpty {
            throw ImportFailure(file: file, problems: reader.problems.map { .init(line: $0.line + linesDropped, reason: $0.reason) })
        }
        let rows = reader.records.compactMap { record -> CSVTable.Row? in
            var cells = Array(repeating: "", count: reader.header.count)
            for (column, value) in record.cells { cells[column] = value }
            return CSVTable.Row(line: record.line + linesDropped, cells: cells)
        }
        return try CSVTable(headerFields: reader.header, rows: rows, file: file)
    }

    /// What an `XMLParser` error code (libxml2's numbering, which Foundation keeps) means;
    /// Foundation on Linux gives these errors no message of their own.
    static func problem(_ code: Int) -> String {
        let known = [
            4: "the document is empty", 5: "there is more after the root element ends, or it never ends",
            9: "a character that XML does not allow", 23: "an & that does not start an entity such as &amp;",
            26: "an entity that XML does not define (write & as &amp;)", 38: "a < inside an attribute value",
            39: "an attribute value without quotes", 41: "an attribute without a value",
            68: "a < that starts no element name", 73: "a tag not closed with >",
            76: "a closing tag that does not match the element it closes", 77: "an element never closed",
            86: "extra content after the root element",
        ]
        return known[code] ?? "XMLParser error \(code)"
    }

    /// The text as UTF-8 bytes for `XMLParser`. It is already decoded (`ImportText`), so an
    /// `encoding="…"` in the declaration no longer holds and is dropped; so is any space
    /// before the declaration, which XML forbids, and how many lines that was.
    static func utf8Document(_ text: String) -> (Data, Int) {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest.removeFirst() }
        let leading = rest.prefix { $0.isWhitespace }
        rest = rest.dropFirst(leading.count)
        if rest.hasPrefix("<?xml"), let end = rest.range(of: "?>") {
            let declaration = rest[..<end.upperBound]
            let breaks = declaration.filter(\.isNewline).count
            rest = "<?xml version=\"1.0\"?>" + String(repeating: "\n", count: breaks) + rest[end.upperBound...]
        }
        return (Data(rest.utf8), leading.filter(\.isNewline).count)
    }

    /// A field name as written: an element name is the report's column name with its spaces
    /// as `_`, which header matching already takes as a space; a character XML names cannot
    /// hold may be written `_xHHHH_` (as .NET writes them), which is decoded.
    static func fieldName(_ element: String) -> String {
        guard element.contains("_x") else { return element }
        var out = ""
        var rest = Substring(element)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let hex = rest[r.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16), let scalar = Unicode.Scalar(v) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(r.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[r.upperBound...]
            }
        }
        return out + rest
    }

    /// Collects records from the parser's events: depth 1 is the root, 2 a record, 3 a field.
    private final class Reader: NSObject, XMLParserDelegate {
        struct Record { var line: Int; var cells: [Int: String] = [:] }
        var root: String?
        var header: [String] = []
        var columnOf: [String: Int] = [:]
        var records: [Record] = []
        var problems: [ImportFailure.Problem] = []
        var firstError: (code: Int, line: Int)?
        private var depth = 0
        private var field: Int?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            switch depth {
            case 1: root = name
            case 2: records.append(Record(line: parser.lineNumber))
            case 3:
                let name = RecordXML.fieldName(name)
                let column = columnOf[name] ?? { header.append(name); columnOf[name] = header.count - 1; return header.count - 1 }()
                if records[records.count - 1].cells[column] != nil {
                    problems.append(.init(line: parser.lineNumber, reason: "<\(name)> appears twice in one record"))
                }
                field = column
                text = ""
            default:
                // A report's fields hold text; an element inside one is some other kind of XML.
                if depth == 4, let field {
                    problems.append(.init(line: parser.lineNumber, reason: "<\(header[field])> holds an element <\(name)>; a SIMS report's fields hold only text"))
                }
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if depth == 3, let field { records[records.count - 1].cells[field] = text; self.field = nil }
            depth -= 1
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if depth == 3 { text += string }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            if firstError == nil { firstError = ((error as NSError).code, parser.lineNumber) }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if depth == 3 { text += String(decoding: block, as: UTF8.self) }
        }
    }
}
