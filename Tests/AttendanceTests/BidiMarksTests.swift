import Attendance
import Testing

/// Issue 21's open question: the right-to-left mark (U+200F), the left-to-right mark (U+200E)
/// and the Arabic letter mark (U+061C) are part of how Arabic and Hebrew names are written,
/// and change nothing a terminal does but the direction of a neutral character beside them;
/// the overrides (U+202E …) reverse whatever follows and are what forges text. The marks are
/// taken and take no column; the overrides are refused, as before.
@Suite("Issue 21: bidirectional marks in right-to-left names")
struct BidiMarksTests {
    /// "Layla (Nour)" in Arabic with an RLM after the closing bracket, as a keyboard puts it;
    /// and a Hebrew name with an LRM and an ALM.
    static let arabic = "ليلى (نور)\u{200F}"
    static let hebrew = "\u{200E}כהן-לוי\u{061C}"

    func pupil(_ surname: String) -> Transaction {
        Transaction([.pupil(Pupil(upn: "A1", legalSurname: surname, legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                                  yearGroup: YearGroup(4), registrationGroup: "4A"))])
    }

    func refusal(_ t: Transaction) -> String? {
        let s = EnteredTextTests.school()
        do { try s.check(s.completing(t, seq: 1, by: EnteredTextTests.head), by: EnteredTextTests.head) } catch { return error.message }
        return nil
    }

    @Test func theMarksAreTakenInANameAndTheOverridesAreNot() {
        #expect(refusal(pupil(Self.arabic)) == nil)
        #expect(refusal(pupil(Self.hebrew)) == nil)
        #expect(EnteredText.name.problem(Self.arabic, field: "the surname") == nil)
        for override in ["\u{202E}", "\u{202D}", "\u{202B}", "\u{2067}"] {
            #expect(refusal(pupil("نور" + override))?.contains("control character") == true, "\(override.unicodeScalars.first!.value)")
        }
        #expect(refusal(pupil("نور\u{202E}"))?.contains("U+202E") == true)
    }

    @Test func theMarksTakeNoColumnAndAreNotEscaped() {
        #expect(DisplayWidth.of(Self.arabic) == DisplayWidth.of("ليلى (نور)"))
        #expect(DisplayWidth.of("\u{200F}") == 0 && DisplayWidth.of("\u{200E}") == 0 && DisplayWidth.of("\u{061C}") == 0)
        #expect(EnteredText.shown(Self.arabic) == Self.arabic)
        #expect(EnteredText.shown("\u{202E}evE") == "<U+202E>evE")
    }
}
