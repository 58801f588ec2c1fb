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

/// A UK phone number: digits with optional spaces, dashes, brackets and a leading +44.
enum PhoneNumber {
    static func isPlausible(_ text: String) -> Bool {
        let kept = text.filter { !" -()".contains($0) }
        var digits = Substring(kept)
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        return digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) && (10...13).contains(digits.count)
    }
}

/// A UPN-like key: no spaces, at most 20 characters. Real UPNs are 13 (a check letter and
/// 12 digits), but schools also hold temporary and hand-made ones, so only shape is checked.
enum UPN {
    static func normalise(_ text: String) -> String? {
        let t = text.trimmed.uppercased()
        guard !t.isEmpty, t.count <= 20, !t.contains(where: \.isWhitespace) else { return nil }
        return t
    }
}
