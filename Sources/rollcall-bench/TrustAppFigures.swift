import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import SchoolGenerator

/// Issue 23's figures for a trust in PostgreSQL and for `:trust` in the app (the `trust`
/// group): `rollcall trust --database` over the schools, one process, whole command, with its
/// peak memory; and the real `rollcall` in a terminal (tmux), timed from the key that opens
/// `:trust` (or, for a login that is staff nowhere, from the app's start) to the first frame
/// that shows the table filled ("Trust total" on the screen), over the database and over
/// the same schools' stores (`--stores`), where the table fills as the stores are read: there
/// also to the first frame showing a school's row.
enum TrustAppFigures {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func measure(schools: Int, pupils: Int, years: Int, seed: UInt64, asOf: String, runs: Int, me: StaffMember,
                        work: String, log: (String) -> Void) throws -> [Figure] {
        let label = "\(schools) schools × \(pupils) pupils"
        let rollcall = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rollcall").path
        var command = Figure(name: "trust_database_ms", label: "rollcall trust --database over \(label), one process, whole command",
                             value: nil, unit: "ms", target: 1000)
        var peak = Figure(name: "trust_database_peak_memory_mb", label: "its peak memory", value: nil, unit: "MB", target: 500)
        var appDatabase = Figure(name: "app_trust_database_ms", label: ":trust in the app over the database: the key to the table drawn",
                                 value: nil, unit: "ms", target: 200)
        var appNowhere = Figure(name: "app_trust_lead_start_ms", label: "the app started by a trust lead staff nowhere: start to the table drawn",
                                value: nil, unit: "ms", target: 200)
        var appStoresFirst = Figure(name: "app_trust_stores_first_row_ms", label: ":trust in the app over \(schools) stores (--stores): the key to the first school's row drawn",
                                    value: nil, unit: "ms", target: 200)
        var appStoresWhole = Figure(name: "app_trust_stores_complete_ms", label: "the same, the key to the table complete (\"Trust total\" drawn)",
                                    value: nil, unit: "ms")
        func all() -> [Figure] { [command, peak, appDatabase, appNowhere, appStoresFirst, appStoresWhole] }
        guard FileManager.default.isExecutableFile(atPath: rollcall) else {
            log("trust: no rollcall binary beside rollcall-bench (swift build first); its figures are left empty")
            command.label += " (no rollcall binary: not measured)"
            return all()
        }
        guard let date = SchoolDate(parsing: asOf) else { throw BenchError("--as-of is not a date") }

        // The schools, once as stores and once in the database, the same school each time.
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let policy = try PolicyFile.preset(PolicyFile.defaultPresetID)
        let staffLogin = "bench_staff", leadLogin = "bench_trust"
        log("Generating \(label) (\(years) year\(years == 1 ? "" : "s"))…")
        var generated: [(id: String, school: School)] = []
        for i in 0..<schools {
            var g = SchoolGenerator(asOf: date)
            g.name = "School \(i + 1)"
            g.pupils = pupils
            g.years = years
            g.seed = seed &* 1000 &+ UInt64(i)
            g.policy = policy
            var school = g.generate()
            school.staff[me.login] = StaffMember(login: me.login, name: me.name, role: .head, isDSL: true)
            // One login is staff at the first school only (and the trust's lead): `:trust` from inside it.
            if i == 0 { school.staff[staffLogin] = StaffMember(login: staffLogin, name: "Office", role: .office) }
            let id = "school_\(i + 1)"
            _ = try Store.create(at: "\(work)/\(id)", school: school)
            generated.append((id, school))
        }
        let stores = generated.map { "\(work)/\($0.id)" }

        let cluster = try BenchCluster()
        defer { cluster.stop() }
        try PGConnection(cluster.conninfo(user: cluster.superuser)).execute("CREATE DATABASE rollcall")
        let owner = try PGConnection(cluster.conninfo(user: cluster.superuser, database: "rollcall"))
        try PostgresStore.install(owner)
        for login in [me.login, staffLogin, leadLogin] where try owner.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).count == 0 {
            try owner.execute("CREATE ROLE \(try owner.quotedIdentifier(login)) LOGIN")
        }
        try owner.execute("GRANT rollcall_founder TO \(try owner.quotedIdentifier(me.login))")
        try owner.execute("GRANT rollcall_trust TO \(try owner.quotedIdentifier(leadLogin)), \(try owner.quotedIdentifier(staffLogin))")
        let url = cluster.conninfo(user: me.login, database: "rollcall")
        let clock = ["--today", asOf, "--now", "16:00"]
        log("Loading the schools into PostgreSQL and publishing each one's figures (rollcall trust publish)…")
        for (id, school) in generated {
            let rows = MovedRow.making(school, mover: me, now: Date(), reason: "the trust benchmark")
            _ = try PostgresStore.moveIn(database: url, id: id, name: school.name, from: "rollcall-bench", rows: rows)
            _ = try ImportFigures.spawn(rollcall, ["trust", "publish", "--database", url, "--school", id, "--as-of", asOf] + clock)
        }

        let leadURL = cluster.conninfo(user: leadLogin, database: "rollcall")
        log("rollcall trust --database, \(runs) runs…")
        var times: [Double] = [], peaks: [Int] = []
        for _ in 0..<runs {
            let (ms, kb) = try ImportFigures.spawn(rollcall, ["trust", "--database", leadURL, "--as-of", asOf, "--format", "json"] + clock)
            times.append(ms)
            peaks.append(kb)
        }
        command = Figure(name: command.name, label: command.label, value: median(times), unit: "ms", target: 1000)
        peak = Figure(name: peak.name, label: peak.label, value: Double(peaks.max() ?? 0) / 1024, unit: "MB", target: 500)

        guard let tmux else {
            log("trust: tmux is not installed; the app's :trust figures are left empty")
            return all()
        }
        log(":trust in the app (tmux), \(runs) runs each…")
        let env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        /// Milliseconds from the Enter of `:trust` to each of `marks` first on the screen, in order.
        func fromKey(_ arguments: [String], env extra: [String: String] = [:], marks: [(String) -> Bool] = [{ $0.contains("Trust total") }]) throws -> [Double] {
            let pane = try Pane(tmux: tmux, command: [rollcall] + arguments, environment: env.merging(extra) { $1 })
            try pane.waitFor("q quit", timeout: 60)
            // Keys typed while the app is still starting can be lost: the command line must
            // show before the key that runs it is sent (and timed).
            for attempt in 0..<20 {
                try pane.type(":trust")
                if (try? pane.waitFor("Enter run", timeout: 1)) != nil { break }
                if attempt == 19 { throw BenchError("the : command line did not open:\n\(pane.text())") }
                try pane.send(["Escape"])
            }
            defer { try? pane.type("q") }
            return try pane.timed(until: marks) { try pane.send(["Enter"]) }
        }
        appDatabase = Figure(name: appDatabase.name, label: appDatabase.label + " (staff at one school, and the trust's lead)",
                             value: median(try (0..<runs).map { _ in
                                 try fromKey(["--database", cluster.conninfo(user: staffLogin, database: "rollcall")] + clock, env: ["ROLLCALL_LOGIN": staffLogin])[0]
                             }), unit: "ms", target: 200)
        appNowhere = Figure(name: appNowhere.name, label: appNowhere.label, value: median(try (0..<runs).map { _ in
            let clock = ContinuousClock(), start = clock.now
            let pane = try Pane(tmux: tmux, command: [rollcall, "--database", leadURL] + ["--today", asOf, "--now", "16:00"],
                                environment: env.merging(["ROLLCALL_LOGIN": leadLogin]) { $1 })
            try pane.waitFor("Trust total", timeout: 60)
            defer { try? pane.type("q") }
            return ms(start.duration(to: clock.now))
        }), unit: "ms", target: 200)
        // A school's row: a line of the table that starts with a generated school's name and
        // its pupils (the header line above names the app's own school, not in that shape).
        let schoolRow = try Regex(#"(?m)^ School \d+\s+\d+ "#)
        let storeRuns = try (0..<runs).map { _ in
            try fromKey(["--store", stores[0], "--stores"] + stores + clock, env: ["ROLLCALL_LOGIN": me.login],
                        marks: [{ $0.contains(schoolRow) }, { $0.contains("Trust total") }])
        }
        appStoresFirst = Figure(name: appStoresFirst.name, label: appStoresFirst.label, value: median(storeRuns.map { $0[0] }), unit: "ms", target: 200)
        appStoresWhole = Figure(name: appStoresWhole.name, label: appStoresWhole.label, value: median(storeRuns.map { $0[1] }), unit: "ms")
        return all()
    }

    static func ms(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
    }

    /// A tmux server of the bench's own, 120 × 40, running one program.
    final class Pane {
        let tmux: String
        let socket: String

        init(tmux: String, command: [String], environment: [String: String]) throws {
            self.tmux = tmux
            socket = NSTemporaryDirectory() + "rollcall-bench-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try run(["new-session", "-d", "-x", "120", "-y", "40", "/usr/bin/env", "-i"] + environment.map { "\($0.key)=\($0.value)" } + command)
        }
        deinit {
            _ = try? run(["kill-server"])
            unlink(socket)
        }

        /// tmux by posix_spawn and waitpid, its output (when asked for) through a file: the
        /// server `new-session` leaves running inherits the descriptors it was started with,
        /// so a pipe there would never close (and Foundation's Process waits for it).
        @discardableResult
        func run(_ arguments: [String], reading: Bool = false) throws -> String {
            let outPath = socket + ".out"
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, reading ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv: [UnsafeMutablePointer<CChar>?] = ([tmux, "-S", socket] + arguments).map { strdup($0) } + [nil]
            defer { for a in argv { free(a) } }
            var pid: pid_t = 0, status: Int32 = 0
            guard posix_spawn(&pid, tmux, &actions, nil, argv, environ) == 0 else { throw BenchError("tmux could not be started") }
            _ = waitpid(pid, &status, 0)
            guard status == 0 else { throw BenchError("tmux \(arguments.first ?? "") failed (\(status))") }
            guard reading else { return "" }
            defer { unlink(outPath) }
            return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        }

        func text() -> String { (try? run(["capture-pane", "-p"], reading: true)) ?? "" }
        func send(_ keys: [String]) throws { try run(["send-keys"] + keys) }
        func type(_ literal: String) throws { try run(["send-keys", "-l", literal]) }

        func waitFor(_ words: String, timeout: Double) throws {
            try waitFor(timeout: timeout, what: words) { $0.contains(words) }
        }

        func waitFor(timeout: Double, what: String, _ shown: (String) -> Bool) throws {
            let clock = ContinuousClock(), start = clock.now
            while TrustAppFigures.ms(start.duration(to: clock.now)) < timeout * 1000 {
                if shown(text()) { return }
                Thread.sleep(forTimeInterval: 0.002)
            }
            throw BenchError("\"\(what)\" did not appear in \(Int(timeout)) s; the screen:\n\(text())")
        }

        /// Milliseconds from just before `action` to the screen first showing each of `marks`,
        /// in turn (looked for as often as tmux answers: a few milliseconds).
        func timed(until marks: [(String) -> Bool], _ action: () throws -> Void) throws -> [Double] {
            let clock = ContinuousClock(), start = clock.now
            try action()
            return try marks.map { shown in
                try waitFor(timeout: 60, what: "the next mark", shown)
                return TrustAppFigures.ms(start.duration(to: clock.now))
            }
        }
    }
}
