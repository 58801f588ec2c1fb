import Attendance
import Foundation

/// Finding pupils the way people type: "zoe" finds Zoë, "oconnor" finds O'Connor,
/// "li xiao" finds 李小龙 only by UPN or a Latin name, and any part of a name matches.
public enum SearchKey {
    /// Lower case, accents dropped, only letters and digits kept.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Everything a pupil can be found by, folded: every name form and the UPN.
    public static func of(_ p: Pupil) -> String {
        [p.legalForename, p.preferredName ?? "", p.legalSurname, p.knownAs + p.legalSurname, p.legalSurname + p.knownAs, p.upn]
            .map(fold).joined(separator: "|")
    }
}
