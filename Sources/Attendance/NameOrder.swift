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
        let ka = key(a), kb = key(b)
        return ka != kb ? ka < kb : a < b
    }

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
