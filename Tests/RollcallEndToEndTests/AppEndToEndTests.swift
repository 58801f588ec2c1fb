import Foundation
import Testing

/// The real app in tmux, as the secretary uses it at 13:45 on Monday 30 November 2026: take
/// the afternoon register, then check the store holds exactly what was typed.
@Suite("The app in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct AppEndToEndTests {
    static let day = "2026-11-30"

    /// A demo school (210 pupils, 30 a class) in a fresh directory.
    func demoStore(in dir: String) throws -> String {
        let store = dir + "/store"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TmuxSession.rollcall)
        p.arguments = ["demo", "--store", store, "--as-of", Self.day, "--seed", "3"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return store
    }

    func rollcall(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TmuxSession.rollcall)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self) + String(decoding: problems, as: UTF8.self)
    }

    /// The register rows on screen: name → UPN.
    func rows(_ screen: [String]) -> [(name: String, upn: String)] {
        screen.compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let i = parts.firstIndex(where: { $0.count == 13 && $0.first!.isLetter && $0.dropFirst().allSatisfy(\.isNumber) }), i >= 2 else { return nil }
            return (parts[0..<i].joined(separator: " "), parts[i])
        }
    }

    /// Three letters of a pupil's name that no other pupil in the class has.
    func uniqueFragment(of name: String, among names: [String]) -> String? {
        let lower = name.lowercased().filter { $0.isLetter && $0.isASCII }
        let chars = Array(lower)
        guard chars.count >= 3 else { return nil }
        for i in 0...(chars.count - 3) {
            let f = String(chars[i..<(i + 3)])
            let others = names.filter { $0 != name }.map { $0.lowercased().filter { $0.isLetter } }
            if !others.contains(where: { $0.contains(f) }) { return f }
        }
        return nil
    }

    @Test("take a register with two absences, close it, record a late arrival, amend a mark, find Tomás, resize, quit")
    func secretaryTakesTheAfternoonRegister() throws {
        let args = ["--today", Self.day, "--now", "13:45"]
        let dir = NSTemporaryDirectory() + "rollcall-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        let app = try TmuxSession(binary: TmuxSession.rollcall, arguments: args + ["--store", store], width: 100, height: 40)
        try app.waitFor("q quit", timeout: 15)
        // A second member of staff has the same register open in another window.
        let other = try app.newWindow(binary: TmuxSession.rollcall, arguments: args + ["--store", store])
        try app.waitFor("q quit", window: other, timeout: 15)
        app.type(":register RA PM", window: other)
        app.sendKeys(["Enter"], window: other)
        try app.waitFor("0 of 30 marked", window: other)

        // From Today: Enter opens the first register not taken (RA, PM).
        let start = app.keyCount  // keys typed into window 0 from here on
        app.sendKeys(["Enter"])
        try app.waitFor("Register RA · PM")
        let register = rows(app.capture())
        #expect(register.count >= 20)
        app.sendKeys(["*"])
        try app.waitFor("30 of 30 marked")
        try app.waitFor("30 of 30 marked", window: other)   // arrived without a key press
        let names = register.map(\.name)
        let absent = register.filter { uniqueFragment(of: $0.name, among: names) != nil }.prefix(2)
        #expect(absent.count == 2)
        for (i, pupil) in absent.enumerated() {
            app.sendKeys(["/"])
            app.type(uniqueFragment(of: pupil.name, among: names)!)
            app.sendKeys(["Enter", i == 0 ? "N" : "I"])
            try app.waitFor("\(pupil.name.split(separator: " ")[0]): \(i == 0 ? "N" : "I")")
        }
        app.sendKeys(["!"])
        try app.waitFor("closed:")
        #expect(app.keyCount - start <= 15, "taking the register took \(app.keyCount - start) keys")

        // A late arrival after the register closed (a time before now): 13:40 is U, 40 minutes after it opened, and
        // the late slip is the amendment's reason, so nothing more is asked.
        let late = register.first { p in !absent.contains { $0.upn == p.upn } }!
        app.sendKeys(["/"])
        app.type(uniqueFragment(of: late.name, among: names) ?? late.upn)
        app.sendKeys(["Enter", "a", "C-u"])
        app.type("13:40")
        app.sendKeys(["Tab"])
        app.type("bus broke down")
        app.sendKeys(["Enter"])
        try app.waitFor("U, 40 minutes late")
        #expect(!app.screen().contains("Amending the register"))

        // Amend the first absence to M, with a reason.
        let row = register.firstIndex { $0.upn == absent[absent.startIndex].upn }!
        app.sendKeys(["Home"] + Array(repeating: "Down", count: row) + ["M"])
        try app.waitFor("Amending the register")
        app.type("dentist letter brought in")
        app.sendKeys(["Enter"])
        try app.waitUntil("the amendment saved") { !$0.contains("Amending the register") }

        // Find a pupil with an accented name and open their page.
        app.type(":pupils")
        app.sendKeys(["Enter", "/"])
        app.type("tomas")
        app.sendKeys(["Enter"])
        try app.waitFor("Pupil · Tomás")
        app.resize(width: 60, height: 20)
        try app.waitFor("make the window larger")
        app.resize(width: 100, height: 40)
        try app.waitFor("Pupil · Tomás")

        app.sendKeys(["q"])
        try app.waitForExit()
        if let status = app.exitStatus() { #expect(status == 0) }
        #expect(!app.screen().contains("q quit"), "the terminal was left showing the app")
        app.sendKeys(["q"], window: other)

        // The store holds exactly what was typed.
        let csv = try rollcall(["export", "marks", "--store", store, "--from", Self.day, "--as-of", Self.day])
        #expect(csv.contains(",PM,"), "export printed: \(csv.prefix(300))")
        var pm: [String: (String, String)] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count >= 5, f[2] == "PM" { pm[f[0]] = (f[3], f[4]) }
        }
        for p in register {
            let expected: (String, String)
            if p.upn == absent[absent.startIndex].upn { expected = ("M", "") }
            else if p.upn == absent[absent.startIndex + 1].upn { expected = ("I", "") }
            else if p.upn == late.upn { expected = ("U", "40") }
            else { expected = ("\\", "") }
            #expect(pm[p.upn]?.0 == expected.0, "\(p.name) \(p.upn): \(pm[p.upn]?.0 ?? "no mark"), expected \(expected.0); \(pm.count) PM marks, e.g. \(pm.keys.sorted().prefix(3))")
            #expect(pm[p.upn]?.1 == expected.1)
        }
        let amended = try rollcall(["history", "--store", store, "--pupil", absent[absent.startIndex].upn])
        #expect(amended.contains("dentist letter brought in"))
        let slip = try rollcall(["history", "--store", store, "--pupil", late.upn])
        #expect(slip.contains("late arrival at 13:40: bus broke down"))
    }

    @Test("a store that check would refuse is not opened: the problem is printed and the exit status is 1")
    func aDamagedStoreIsNeverOpened() throws {
        let dir = NSTemporaryDirectory() + "rollcall-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        // Damage the school file of the current snapshot: its checksum no longer matches.
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: store + "/snapshots").sorted()
        let school = store + "/snapshots/" + snapshots.last! + "/school.json"
        try Data("{ damaged".utf8).write(to: URL(fileURLWithPath: school))
        // Through a shell that prints the exit status: tmux does not always report it for a
        // program that ends this quickly.
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", "'\(TmuxSession.rollcall)' --today \(Self.day) --store '\(store)'; echo EXIT=$?"])
        try app.waitFor("EXIT=", timeout: 15)
        #expect(app.screen().contains("EXIT=1"), "\(app.screen())")
        #expect(app.screen().contains("does not match its checksum"), "\(app.screen())")
        #expect(app.screen().contains("did not open the store"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: school)) == Data("{ damaged".utf8), "the damaged file was changed")
    }

    @Test("SIGTERM ends the app even when it was started with its quit signals blocked")
    func sigtermEndsTheAppStartedWithSignalsBlocked() throws {
        let dir = NSTemporaryDirectory() + "rollcall-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        // A process inherits the blocked signals of whoever started it (a test runner's or a
        // launcher's thread): perl (in every Debian) blocks them, then runs the app.
        let block = "perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGTERM, SIGINT, SIGHUP)); exec @ARGV or die'"
        let command = "\(block) '\(TmuxSession.rollcall)' --today \(Self.day) --now 13:05 --store '\(store)'; echo EXIT=$?; sleep 30"
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", command])
        try app.waitFor("q quit", timeout: 15)
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-TERM", "-f", "--", "--store \(store)"]
        try kill.run()
        kill.waitUntilExit()
        try app.waitFor("EXIT=143", timeout: 10)
    }

    @Test("Ctrl-C quits, and SIGTERM ends the app with the terminal restored")
    func ctrlCAndSIGTERMRestoreTheTerminal() throws {
        let dir = NSTemporaryDirectory() + "rollcall-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        let command = "'\(TmuxSession.rollcall)' --today \(Self.day) --now 13:05 --store '\(store)'; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY-READ; sleep 30"
        let app = try TmuxSession(binary: "/bin/sh", arguments: ["-c", command])
        try app.waitFor("q quit", timeout: 15)
        app.sendKeys(["C-c"])
        try app.waitFor("EXIT=0")
        try app.waitFor("STTY-READ")
        #expect(app.screen().contains("icanon echo"), "the terminal's line mode was not restored: \(app.screen())")

        let again = try TmuxSession(binary: "/bin/sh", arguments: ["-c", command])
        try again.waitFor("q quit", timeout: 15)
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-TERM", "-f", "--", "--store \(store)"]
        try kill.run()
        kill.waitUntilExit()
        try again.waitFor("EXIT=143")
        try again.waitFor("STTY-READ")
        #expect(again.screen().contains("icanon echo"), "the terminal's line mode was not restored: \(again.screen())")
        #expect(!again.screen().contains("q quit"))
    }
}
