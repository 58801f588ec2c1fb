/// Writes CSV that the importers (and spreadsheets) read back exactly: one rule for every
/// file Rollcall writes (exports, reports, the chronology), whichever module writes it.
public enum CSVWriter {
    /// A field, quoted when it holds a comma, a quote, a line break or spaces at its ends.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || s.first?.isWhitespace == true || s.last?.isWhitespace == true else { return s }
        var quoted = "\""
        for c in s { quoted += c == "\"" ? "\"\"" : String(c) }
        return quoted + "\""
    }

    /// A row, CRLF-terminated as RFC 4180 says.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    /// A row of a report for people, who open it in a spreadsheet: each cell as `forPeople`.
    /// Data exports that must read back exactly use `row` (see `csv-formats.md`).
    public static func reportRow(_ fields: [String]) -> String { row(fields.map(forPeople)) }

    /// A cell a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return) gets a `'` in front, as OWASP advises: a name such as
    /// `=HYPERLINK(…)` is then shown, never run. A plain number (`-3`, `-2.5`, `-4%`) is left
    /// as it is: it is a number to a spreadsheet, not a formula.
    public static func forPeople(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
        return isPlainNumber(s) ? s : "'" + s
    }

    static func isPlainNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        if body.last == "%" { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return !body.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
