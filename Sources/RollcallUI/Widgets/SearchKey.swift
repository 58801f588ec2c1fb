import Attendance
import Foundation

/// Finding pupils the way people type: "zoe" finds Zoë, "oconnor" finds O'Connor,
/// "li xiao" finds 李小龙 only by UPN or a Latin name, and any part of a name matches.
public enum SearchKey {
    /// Lower case, accents dropped, only letters and digits kept.
    public static func fold(_ text: String) -> String {
        // Most names are plain ASCII: fold those without Foundation's (much slower) folding.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return b
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return b + 32
                default: return nil
                }
            }, as: UTF8.self)
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Everything a pupil can be found by, folded: every name form and the UPN.
    public static func of(_ p: Pupil) -> String {
        [p.legalForename, p.preferredName ?? "", p.legalSurname, p.knownAs + p.legalSurname, p.legalSurname + p.knownAs, p.upn]
            .map(fold).joined(separator: "|")
    }
}
