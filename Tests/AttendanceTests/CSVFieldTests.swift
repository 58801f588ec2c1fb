import Testing
import Attendance

/// CSVWriter.field decides quoting from the bytes for ASCII text and by Character otherwise:
/// both must quote exactly what RFC 4180 and the importers need.
@Suite struct CSVFieldTests {
    @Test(arguments: [
        ("", ""), ("A123456789012", "A123456789012"), ("2026-03-02", "2026-03-02"), ("Zoë", "Zoë"), ("小龙", "小龙"),
        ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), (" x", "\" x\""), ("x ", "\"x \""), ("\tx", "\"\tx\""),
        ("x\t", "\"x\t\""), ("a\nb", "\"a\nb\""), ("a\r\nb", "\"a\r\nb\""), ("a\u{0B}b", "\"a\u{0B}b\""), ("a\u{0C}b", "\"a\u{0C}b\""),
        ("Zoë, A", "\"Zoë, A\""), ("Zoë\u{2028}x", "\"Zoë\u{2028}x\""), ("\u{A0}Zoë", "\"\u{A0}Zoë\""), ("in side", "in side"),
    ])
    func quotedExactlyWhenNeeded(_ text: String, _ written: String) {
        #expect(CSVWriter.field(text) == written)
    }
}
