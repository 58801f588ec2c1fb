import CNcursesw
import RollcallUI
import Testing
@testable import rollcall

/// The driver's one code-to-Key table, without a terminal (no initscr here: it would need TERM).
@Suite("ncurses codes to keys")
struct KeyTranslationTests {
    func function(_ code: Int32) -> TerminalEvent? { Terminal.translate(UInt32(bitPattern: code), functionKey: true) }
    func character(_ code: UInt32) -> TerminalEvent? { Terminal.translate(code, functionKey: false) }

    @Test func functionKeys() {
        #expect(function(KEY_UP) == .key(.up))
        #expect(function(KEY_NPAGE) == .key(.pageDown))
        #expect(function(KEY_BACKSPACE) == .key(.backspace))
        #expect(function(KEY_DC) == .key(.delete))
        #expect(function(KEY_BTAB) == .key(.backTab))
        #expect(function(KEY_ENTER) == .key(.enter))
        #expect(function(KEY_RESIZE) == .resize)
        #expect(function(KEY_F0 + 1) == .key(.function(1)))
        #expect(function(KEY_F0 + 12) == .key(.function(12)))
        #expect(function(KEY_F0 + 13) == nil)
        #expect(function(KEY_MOUSE) == nil)
    }

    @Test func characters() {
        #expect(character(10) == .key(.enter))
        #expect(character(13) == .key(.enter))
        #expect(character(9) == .key(.tab))
        #expect(character(27) == .key(.escape))
        #expect(character(127) == .key(.backspace))
        #expect(character(8) == .key(.backspace))
        #expect(character(3) == .key(.ctrl("c")))
        #expect(character(19) == .key(.ctrl("s")))
        #expect(character(0) == nil)
        #expect(character(0x20) == .key(.char(" ")))
        #expect(character(0xEB) == .key(.char("ë")))
        #expect(character(0x674E) == .key(.char("李")))
        #expect(character(0xD800) == nil)  // a lone surrogate is no character
    }
}
