import Foundation
import Testing

/// Terminals that cannot show the app say so and print the day's summary; terminals with no
/// alternate screen are cleared on quit.
@Suite("Terminals of every kind", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct TerminalKindsTests {
    func store(_ dir: String) throws -> String { try AppEndToEndTests().demoStore(in: dir) }

    @Test(arguments: ["dumb", "no-such-terminal"])
    func aTerminalThatCannotShowTheAppSaysSoAndPrintsTheSummary(term: String) throws {
        let dir = NSTemporaryDirectory() + "rollcall-term-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try store(dir)
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", "TERM=\(term) '\(TmuxSession.rollcall)' --today \(AppEndToEndTests.day) --now 09:05 --store '\(store)' 2>'\(dir)/said'; echo EXIT=$?"],
                                  width: 120, height: 40)
        try app.waitFor("EXIT=", timeout: 15)
        let screen = app.screen()
        let said = try String(contentsOfFile: "\(dir)/said", encoding: .utf8)
        #expect(said.contains("cannot show the app"), "\(said)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        // The summary follows on the terminal (its last lines are on screen).
        #expect(screen.contains("→ rollcall") || screen.contains("Nobody"), "\(screen)")
    }

    @Test func aTerminalWithNoAlternateScreenIsClearedOnQuit() throws {
        let dir = NSTemporaryDirectory() + "rollcall-term-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try store(dir)
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", "TERM=vt100 '\(TmuxSession.rollcall)' --today \(AppEndToEndTests.day) --now 09:05 --store '\(store)'; echo EXIT=$?"])
        try app.waitFor("q quit", timeout: 15)
        app.sendKeys(["q"])
        try app.waitFor("EXIT=0")
        #expect(!app.screen().contains("q quit"), "the app's last frame was left on the screen: \(app.screen())")
    }
}

@Suite("The first run in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct FirstRunEndToEndTests {
    @Test func theWelcomeIsInsideTheAppNotAfterIt() throws {
        let home = NSTemporaryDirectory() + "rollcall-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", "'\(TmuxSession.rollcall)' --today \(AppEndToEndTests.day) --now 09:05; echo EXIT=$?"],
                                  environment: ["HOME": home, "XDG_DATA_HOME": home + "/data", "ROLLCALL_STORE": ""], width: 120, height: 40)
        try app.waitFor("Welcome to Rollcall", timeout: 60)
        #expect(app.screen().contains("a demo school made for you"))
        app.sendKeys(["Enter"])
        try app.waitUntil("the welcome is dismissed") { !$0.contains("Welcome to Rollcall") }
        app.sendKeys(["q"])
        try app.waitFor("EXIT=0")
        // The welcome's words, not "demo school": on a slow machine the progress bar ("Setting up
        // the demo school") is rightly left above the prompt, from before the app started.
        #expect(!app.screen().contains("Welcome to Rollcall") && !app.screen().contains("made for you"),
                "the welcome was printed after quitting: \(app.screen())")
    }
}
