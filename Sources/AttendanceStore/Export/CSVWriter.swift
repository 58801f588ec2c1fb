/// Writes CSV that the importers (and spreadsheets) read back exactly.
enum CSVWriter {
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || s.first?.isWhitespace == true || s.last?.isWhitespace == true else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}

import Foundation
