/// Writes CSV that the importers (and spreadsheets) read back exactly: one rule for every
/// file Rollcall writes (exports, reports, the chronology), whichever module writes it.
public enum CSVWriter {
    /// A field, quoted when it holds a comma, a quote, a line break or spaces at its ends.
    public static func field(_ s: String) -> String {
        // Most fields are short ASCII (a UPN, a date, a code): decided from the bytes, without
        // Character's Unicode lookups (a 3.4-million-mark export spent half its time there).
        if let plain = asciiNeedsNoQuotes(s) { if plain { return s } } else if !needsQuotes(s) { return s }
        var quoted = "\""
        for c in s { quoted += c == "\"" ? "\"\"" : String(c) }
        return quoted + "\""
    }

    /// For all-ASCII text: true when it needs no quotes; nil when it is not all ASCII.
    private static func asciiNeedsNoQuotes(_ s: String) -> Bool? {
        var first = true, last: UInt8 = 0
        for b in s.utf8 {
            if b >= 0x80 { return nil }
            // A comma, a quote, a line break (LF, VT, FF, CR), or whitespace at the start.
            if b == 0x2C || b == 0x22 || (b >= 0x0A && b <= 0x0D) || (first && (b == 0x20 || b == 0x09)) { return false }
            first = false
            last = b
        }
        return !(last == 0x20 || last == 0x09)
    }

    private static func needsQuotes(_ s: String) -> Bool {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || s.first?.isWhitespace == true || s.last?.isWhitespace == true
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
