import Foundation
import Testing

/// `:trust` over `--stores` in a real terminal: the driver sends the schools as their stores
/// are read, and the table that results is the one `rollcall trust --stores` prints, in the
/// same order, with the total once every school is in.
@Suite("The trust over stores in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct TrustStoresEndToEndTests {
    static let day = "2026-11-30"

    @Test func theTableFilledSchoolBySchoolIsTheCommandsTable() throws {
        let dir = NSTemporaryDirectory() + "rollcall-trust-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = AppEndToEndTests()
        _ = try runner.rollcall(["demo", "--trust", "4", "--stores", dir, "--seed", "11", "--as-of", Self.day])
        let stores = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { "\(dir)/\($0)" }
        try #require(stores.count == 4)
        let clock = ["--today", Self.day, "--now", "16:00"]
        let json = try runner.rollcall(["trust", "--stores"] + stores + ["--as-of", Self.day, "--format", "json"] + clock)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let names = try #require(object["schools"] as? [[String: Any]]).compactMap { $0["school"] as? String }
        try #require(names.count == 4, "\(json)")

        let app = try TmuxSession(binary: TmuxSession.rollcall, arguments: ["--store", stores[0], "--stores"] + stores + clock,
                                  environment: [:], width: 120, height: 40)
        defer { app.kill() }
        try app.waitFor("q quit", timeout: 15)
        app.type(":trust")
        try app.waitFor("Enter run", timeout: 5)
        app.sendKeys(["Enter"])
        try app.waitFor("Trust total", timeout: 30)
        let lines = app.capture().dropFirst(3)   // the header, the title and the table's column names
        let shown = lines.prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }
        for (line, name) in zip(shown, names) { #expect(line.hasPrefix(String(name.prefix(19))), "\(shown) against \(names)") }
        #expect(lines.dropFirst(4).first?.contains("Trust total") == true)
        #expect(!app.screen().contains("Reading schools"))
        app.sendKeys(["q"])
        try app.waitForExit(timeout: 10)
    }
}
