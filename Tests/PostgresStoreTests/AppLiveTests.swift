import Attendance
import Foundation
import PostgresStore
import Testing

private let liveTmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The app on a school in the database, in a real terminal (tmux), as the head: asked which
/// school at start, and shown another login's change within a second (issue 20, items 4
/// and 5: the app polls `hasChanges()`, which reads the connection's NOTIFYs).
@Suite(.enabled(if: OSLogins.possible && liveTmux != nil, "needs tmux, PostgreSQL and root"))
struct AppLiveTests {
    static var tmux: String? { liveTmux }

    /// A tmux server of the test's own, running one program.
    final class Screen {
        let socket: String
        init(command: [String], environment: [String: String]) throws {
            socket = "/tmp/rc-pgtmux-" + UUID().uuidString.prefix(8).lowercased()
            let env = environment.map { "\($0.key)=\($0.value)" }
            try Shell.check(tmux!, ["-S", socket, "new-session", "-d", "-x", "100", "-y", "30", "/usr/bin/env", "-i"] + env + command)
        }
        // kill-session, not only kill-server: the server inherits the test thread's blocked
        // signals and would not see the SIGTERM kill-server sends itself, so it and the app
        // outlived the test. A killed session hangs up its pane (the app ends on SIGHUP) and
        // the server, left empty, exits.
        deinit {
            _ = try? Shell.run(tmux!, ["-S", socket, "kill-session"])
            _ = try? Shell.run(tmux!, ["-S", socket, "kill-server"])
            unlink(socket)
        }

        func text() -> String { (try? Shell.run(tmux!, ["-S", socket, "capture-pane", "-p"]).stdout) ?? "" }
        func send(_ keys: [String]) throws { try Shell.check(tmux!, ["-S", socket, "send-keys"] + keys) }
        func type(_ literal: String) throws { try Shell.check(tmux!, ["-S", socket, "send-keys", "-l", literal]) }

        /// Waits until the screen shows `words`; returns how long it took.
        @discardableResult
        func waitFor(_ words: String, timeout: Double = 15) throws -> Double {
            // A monotonic clock: a duration, never the date.
            let clock = ContinuousClock(), start = clock.now
            func seconds() -> Double { let d = start.duration(to: clock.now).components; return Double(d.seconds) + Double(d.attoseconds) / 1e18 }
            while seconds() < timeout {
                if text().contains(words) { return seconds() }
                Thread.sleep(forTimeInterval: 0.01)
            }
            throw Shell.Failed(description: "\"\(words)\" did not appear in \(timeout) s; the screen:\n\(text())")
        }
    }

    @Test func theHeadChoosesASchoolAndSeesTheOfficesChangeWithinASecond() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        // The head is staff at a second school in the same database.
        _ = try PostgresStore.create(database: db.url(OSLogins.head), id: "hillside", name: "Hillside Infants", head: SchoolDatabase.head,
                                     now: { SchoolDatabase.morning })
        let app = try Screen(command: [InitDatabaseCommandTests.binary, "--today", "2026-03-02", "--now", "09:05"],
                             environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TERM": "xterm-256color",
                                           "ROLLCALL_LOGIN": OSLogins.head, "ROLLCALL_DATABASE": db.url(OSLogins.head)])
        try app.waitFor("Which school?")
        #expect(app.text().contains("1. greenfield (Greenfield Primary)") && app.text().contains("2. hillside (Hillside Infants)"))
        try app.type("7")
        try app.send(["Enter"])
        try app.waitFor("\"7\" is not one of them")
        try app.type("1")
        try app.send(["Enter"])
        try app.waitFor("q quit")
        try app.type(":pupils")
        try app.send(["Enter"])
        try app.waitFor("Smith")
        #expect(!app.text().contains("Quinn"))

        // The office, another login on its own connection, adds a pupil.
        let office = try db.open(as: OSLogins.office)
        let pupil = Pupil(upn: "Q9", legalSurname: "Quinn", legalForename: "Zed", dateOfBirth: SchoolDate("2016-04-04")!,
                          yearGroup: YearGroup(3), registrationGroup: "3A")
        try office.commit(Transaction([.pupil(pupil)]), by: SchoolDatabase.office)
        let delay = try app.waitFor("Quinn", timeout: 5)
        print("another login's change appeared in the app after \(Int(delay * 1000)) ms")
        #expect(delay <= 1.0, "took \(delay) s")
    }
}
