/// What a person may put in a name, a reason or a note, whoever takes it in (a command, an
/// app form, an import): one rule, so every front end refuses the same thing. Control
/// characters are refused because a terminal acts on them (ESC recolours or moves the
/// cursor, a newline in a reason forged a history line, U+202E reverses the text after it);
/// lengths are bounded because one 50 MB surname slowed every command for good.
public enum EnteredText: Sendable {
    /// A pupil's, parent's or member of staff's name: one line, at most 100 characters.
    case name
    /// A reason for a change or a decision: one line, at most 1,000 characters.
    case reason
    /// A note, a meeting's minutes, a mark's comment, an address: new lines allowed, at most
    /// 20,000 characters.
    case note

    public var limit: Int {
        switch self {
        case .name: return 100
        case .reason: return 1_000
        case .note: return 20_000
        }
    }

    var plural: String {
        switch self {
        case .name: return "names"
        case .reason: return "reasons"
        case .note: return "notes and minutes"
        }
    }

    /// Why `text` cannot be taken as this kind of text, naming `field` ("the surname"), or nil.
    public func problem(_ text: String, field: String) -> String? {
        // Counting characters is linear; the bytes bound them from above and cost nothing.
        if text.utf8.count > limit, text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex).map({ $0 < text.endIndex }) ?? false {
            return "\(field) is \(text.count) characters long; \(plural) are at most \(limit.grouped) characters"
        }
        for scalar in text.unicodeScalars where EnteredText.isRefused(scalar) {
            if scalar == "\n" || scalar == "\r" {
                if self == .note && scalar == "\n" { continue }
                return "\(field) has a line break; \(plural) are one line"
            }
            return "\(field) has a control character (\(EnteredText.codePoint(scalar))), which Rollcall does not accept: a terminal would act on it"
        }
        return nil
    }

    /// C0 and C1 controls, DEL, the bidirectional embeddings, overrides and isolates, and the
    /// Unicode line and paragraph separators. Not the bidirectional marks (U+200E, U+200F,
    /// U+061C): Arabic and Hebrew names are written with them, and all they do is give a
    /// neutral character beside them a direction; they take no column (`DisplayWidth`).
    public static func isRefused(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Text as a terminal may show it: anything `isRefused` (kept in records from before this
    /// rule, or read from a file) shown as `<U+001B>`, so it is seen and never acted on.
    /// `keepingLayout` leaves line breaks and tabs, for output that is laid out in lines.
    public static func shown(_ text: String, keepingLayout: Bool = false) -> String {
        func escaped(_ s: Unicode.Scalar) -> Bool { isRefused(s) && !(keepingLayout && (s == "\n" || s == "\t" || s == "\r")) }
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if escaped(s) { out.append(contentsOf: "<\(codePoint(s))>".unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }
}

extension Int {
    /// 20000 as "20,000".
    var grouped: String {
        let digits = String(self)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
