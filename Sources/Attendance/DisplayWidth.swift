/// Terminal columns a string takes: 李小龙 is 3 characters and 6 columns; "Zoë" is 3
/// columns whether the ë arrives composed or as e + combining diaeresis. Counting grapheme
/// clusters handles the latter; East Asian wide ranges handle the former.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var width = 0
        for cluster in text { width += of(cluster) }
        return width
    }

    public static func of(_ cluster: Character) -> Int {
        guard let first = cluster.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark { return 0 }
        // Zero-width space and joiner, the byte-order mark, and the bidirectional marks (RLM,
        // LRM, ALM) of right-to-left names: no glyph, no column.
        if v == 0x200B || v == 0x200D || v == 0xFEFF || v == 0x200E || v == 0x200F || v == 0x061C { return 0 }
        return cluster.unicodeScalars.contains(where: { isWide($0.value) }) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E,
             0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts a string to at most `columns` columns, never splitting a wide character.
    public static func truncate(_ text: String, to columns: Int) -> String {
        var out = "", used = 0
        for c in text {
            let w = of(c)
            if used + w > columns { break }
            out.append(c)
            used += w
        }
        return out
    }
}
