import Foundation
import Testing

/// Bracketed paste in a real terminal: pasted text goes into the text field open, whole, and
/// is never read as keys.
@Suite("Pasting in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct PasteEndToEndTests {
    @Test("a paste goes into the command line and is not run; with no text box open it is dropped, saying so")
    func aPasteIsTextNotKeys() throws {
        let dir = NSTemporaryDirectory() + "rollcall-paste-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AppEndToEndTests().demoStore(in: dir)
        let app = try TmuxSession(binary: TmuxSession.rollcall, arguments: ["--today", AppEndToEndTests.day, "--now", "09:05", "--store", store],
                                  width: 100, height: 30)
        try app.waitFor("q quit", timeout: 15)
        // On Today nothing takes text: the paste is dropped, and none of it acts as a key.
        app.paste(":pupils\n")
        try app.waitFor("Text not pasted")
        #expect(!app.screen().contains("Pupils ·"))
        // Into the command line: the line ends become spaces and nothing runs.
        app.sendKeys([":"])
        app.paste("pupils\nq\n")
        try app.waitFor(":pupils q")
        #expect(!app.screen().contains("Pupils ·"))
        #expect(app.isRunning())
        // 5,000 characters arrive as one paste, not 5,000 keys (which took about 25 s).
        app.sendKeys(["C-u"])
        let long = String(repeating: "abcdefghij", count: 499) + "0123456789"
        let started = Date()
        app.paste(long)
        try app.waitFor("0123456789", timeout: 5)
        #expect(Date().timeIntervalSince(started) < 2, "the paste took \(Date().timeIntervalSince(started)) s")
        app.sendKeys(["Escape", "q"])
        try app.waitForExit()
    }
}
