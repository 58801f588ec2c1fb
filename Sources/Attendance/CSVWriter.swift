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
}
