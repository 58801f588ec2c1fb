import Foundation
import Testing

/// A long effect runs off the input loop: with each one made to take 4 seconds (a debug-only
/// setting), keys are still handled while a report is written, and the status line says it
/// is being written, then where it went.
@Suite("Long effects in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct LongEffectEndToEndTests {
    @Test func keysAreHandledWhileAReportIsWritten() throws {
        let dir = NSTemporaryDirectory() + "rollcall-long-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AppEndToEndTests().demoStore(in: dir)
        let app = try TmuxSession(binary: TmuxSession.rollcall, arguments: ["--today", AppEndToEndTests.day, "--now", "09:40", "--store", store],
                                  environment: ["ROLLCALL_TEST_SLOW_EFFECTS": "4", "ROLLCALL_REPORTS": dir + "/reports"], width: 100, height: 30)
        defer { app.kill() }
        try app.waitFor("q quit", timeout: 15)
        // The contact log is read off the loop too: the app answers keys before it arrives.
        #expect(app.screen().contains("Reading the contact log"))
        app.type(":report absentees")
        app.sendKeys(["Enter"])
        try app.waitFor("Absentees", timeout: 3)
        app.sendKeys(["w"])
        try app.waitFor("Writing the report…", timeout: 3)
        let clock = ContinuousClock(), asked = clock.now  // a duration, never the date
        app.sendKeys(["?"])
        try app.waitFor("Help · Absentee report", timeout: 2)
        #expect(asked.duration(to: clock.now) < .seconds(3), "the key waited for the report")
        #expect(app.screen().contains("Writing the report…"), "the report was written before the key was handled")
        #expect(!FileManager.default.fileExists(atPath: dir + "/reports/absentees-\(AppEndToEndTests.day)-AM.txt"))
        try app.waitFor("Saved: ", timeout: 15)
        #expect(FileManager.default.fileExists(atPath: dir + "/reports/absentees-\(AppEndToEndTests.day)-AM.txt"))
        app.sendKeys(["q"])
        try app.waitForExit(timeout: 10)
    }
}
