/// Names in the order people expect in an English school with pupils from everywhere: a
/// letter with an accent sorts with its plain letter (Dąbrowski before Dubois, Çelik before
/// Cole), case is ignored, and the name itself breaks ties. Not code points, where every
/// accented letter comes after z. Pure (no Foundation): a table of the Latin letters.
public enum NameOrder {
    /// The sort key for a name.
    public static func key(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for s in name.lowercased().unicodeScalars {
            if let plain = plainLetters[s] {
                out.append(contentsOf: plain.unicodeScalars)
            } else if s.properties.generalCategory != .nonspacingMark {  // a combining accent on its own
                out.append(s)
            }
        }
        return String(out)
    }

    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let c = compare(a, b)
        return c != 0 ? c < 0 : a < b
    }

    /// -1, 0 or 1 as `key(a)` is before, equal to or after `key(b)`. Plain ASCII names (most of
    /// them) are compared in place, without making keys: the roll is sorted often.
    public static func compare(_ a: String, _ b: String) -> Int {
        if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
            while true {
                switch (ia.next().map(lower), ib.next().map(lower)) {
                case (nil, nil): return 0
                case (nil, _): return -1
                case (_, nil): return 1
                case (let x?, let y?) where x != y: return x < y ? -1 : 1
                default: continue
                }
            }
        }
        let ka = key(a), kb = key(b)
        return ka == kb ? 0 : ka < kb ? -1 : 1
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    private static let plainLetters: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"), ("ĵ", "j"), ("ķĸ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉŋ", "n"), ("òóôõöøōŏő", "o"), ("œ", "oe"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"), ("þ", "th"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, plain) in groups { for s in letters.unicodeScalars { table[s] = plain } }
        return table
    }()
}
