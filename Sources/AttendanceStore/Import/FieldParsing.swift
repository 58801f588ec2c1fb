/// Yes/no cells as MIS exports write them.
enum YesNo {
    static func parse(_ text: String) -> Bool? {
        switch text.trimmed.lowercased() {
        case "y", "yes", "true", "1", "x": return true
        case "", "n", "no", "false", "0": return false
        default: return nil
        }
    }
}

/// A phone number someone could dial: digits with spaces, dashes, dots, brackets, a leading
/// `+` and an extension (`ext 204`, `x204`). Only clearly broken ones are refused (letters,
/// or too few digits); UK, foreign and extension numbers all occur in real exports.
enum PhoneNumber {
    static func isPlausible(_ text: String) -> Bool {
        var t = text.lowercased()
        for marker in ["extension", "ext.", "ext", "x"] {
            if let r = t.range(of: marker) { t = String(t[..<r.lowerBound]) + " " + String(t[r.upperBound...]); break }
        }
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || " -().+".contains($0)) }) else { return false }
        if let plus = t.firstIndex(of: "+"), t[..<plus].contains(where: { !$0.isWhitespace }) { return false }
        return t.filter(\.isNumber).count >= 6
    }
}

/// A UPN-like key: no spaces, at most 20 characters. Real UPNs are 13 (a check letter and
/// 12 digits), but schools also hold temporary and hand-made ones, so only shape is checked.
enum UPN {
    static func normalise(_ text: String) -> String? {
        // Nearly every UPN in an export is already upper-case letters and digits: check the
        // bytes rather than each Character's Unicode properties (600,000 rows a year).
        let bytes = text.utf8
        if (1...20).contains(bytes.count), bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) { return text }
        let t = text.trimmed.uppercased()
        guard !t.isEmpty, t.count <= 20, !t.contains(where: \.isWhitespace) else { return nil }
        return t
    }
}
