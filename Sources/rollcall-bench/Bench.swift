import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import RollcallUI
import SchoolGenerator

/// The performance figures the issues name, measured on a generated school.
/// Not a test: `docs/performance.md` records its output.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollcall-bench",
        abstract: "Measure Rollcall's figures on a generated school (release build: swift run -c release rollcall-bench).",
        subcommands: [Run.self, DocumentsRun.self, TrustRun.self, ProbeOpen.self, ProbeApp.self, ProbeOpenDatabase.self],
        defaultSubcommand: Run.self)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Generate a school, then measure (the default).")

    @Option(help: "Pupils in the generated school.") var pupils = 1500
    @Option(help: "Academic years of marks.") var years = 6
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Contact-log entries in the generated school.") var contacts = 20_000
    @Option(name: .customLong("as-of"), help: "The generated school's today.") var asOf = "2026-03-20"
    @Option(help: "Runs per figure (the median is reported).") var runs = 5
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(help: "Keep the generated store in this directory (and, for the import figures, the marks file and an empty store beside it).") var keep: String?
    @Option(help: "Measure only these groups, comma-separated: store (open, stats, caseload, record a mark), app, ctf, import, database (PostgreSQL: open, a durable mark, 20 writers; needs the server installed), trust (rollcall trust --database, and :trust in the app over the database and over stores; needs the server, tmux and the rollcall binary). All when not given.")
    var only: String?
    @Option(name: .customLong("trust-schools"), help: "The trust group: schools in the trust.") var trustSchools = 50
    @Option(name: .customLong("trust-pupils"), help: "The trust group: pupils in each school (default 420, or --pupils when fewer).") var trustPupils: Int?
    @Option(name: .customLong("shared-group"), help: "Lay the store out shared with this OS group (as `rollcall init --group`).") var sharedGroup: String?
    @Option(name: .customLong("dsl-group"), help: "With --shared-group: the DSL group for sensitive words.") var dslGroup: String?

    /// Whether a group of figures is measured (`--only`).
    func wants(_ group: String) -> Bool {
        guard let only else { return true }
        return only.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == group }
    }

    func validate() throws {
        let groups = ["store", "app", "ctf", "import", "database", "trust"]
        for g in (only ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !groups.contains(g) {
            throw ValidationError("--only: no group \"\(g)\"; the groups are \(groups.joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let date = SchoolDate(parsing: asOf) else { throw ValidationError("--as-of is not a date") }
        let dir = keep ?? NSTemporaryDirectory() + "rollcall-bench-\(getpid())"
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
        var figures: [Figure] = []
        let log: (String) -> Void = { if !json { FileHandle.standardError.write(Data("\($0)\n".utf8)) } }

        log("Generating \(pupils) pupils × \(years) years (seed \(seed))…")
        var generator = SchoolGenerator(asOf: date)
        generator.name = "Benchmark School"
        generator.pupils = pupils
        generator.years = years
        generator.seed = seed
        generator.policy = try PolicyFile.preset(PolicyFile.defaultPresetID)
        generator.contactEntries = contacts
        var school = generator.generate()
        let me = ProcessInfo.processInfo.userName
        school.staff[me] = StaffMember(login: me, name: "Benchmark", role: .head, isDSL: true)
        let marks = school.register.markCount
        let entries = school.casework.contactCount
        let openCases = school.casework.openCases.count
        let staff = school.staff[me]!
        let commits = 200
        var scanned = 0
        if wants("store") || wants("app") || wants("database") {
            _ = try Store.create(at: dir, school: school, sharing: sharedGroup.map { StoreSharing(group: $0, dslGroup: dslGroup) })
            log("Wrote \(dir)\(sharedGroup.map { " (shared with \($0))" } ?? ""): \(marks) marks, \(entries) contact-log entries, \(openCases) open cases")
        }

        if wants("store") {
            // Open and be ready to draw, in a fresh process each time: what a member of staff waits for.
            var probes: [ProbeResult] = []
            for _ in 0..<runs { probes.append(try probe(dir)) }
            let openMs = median(probes.map(\.openMs))
            let reference = try orjsonParseMs(try Store.open(at: dir).filesReadAtOpen, runs: max(runs, 11))
            figures.append(Figure(name: "open_store_ms", label: "open store, ready to draw", value: openMs, unit: "ms", target: 300))
            if let reference {
                figures.append(Figure(name: "open_store_vs_orjson_ratio", label: "open ÷ orjson parse of the files it reads (\(fmt(reference)) ms)",
                                      value: openMs / reference, unit: "×", target: 3))
            } else {
                figures.append(Figure(name: "open_store_vs_orjson_ratio", label: "open ÷ orjson parse (python3 -m orjson not available)", value: nil, unit: "×", target: 3))
            }

            // Statistics for the whole school for the year to date: the scan of every mark.
            let store = try Store.open(at: dir)
            let stats = store.school.statistics
            let upns = store.school.roll.map(\.upn)
            let range = Statistics.yearToDate(date)
            let statsMs = median((0..<max(runs, 21)).map { _ in
                time { for upn in upns { scanned &+= stats.figures(for: upn, in: range).possible } }
            })
            figures.append(Figure(name: "stats_whole_school_year_ms", label: "stats, whole school, year to date", value: statsMs, unit: "ms", target: 10))
            let summaryMs = median((0..<runs).map { _ in time { for upn in upns { scanned &+= stats.summary(for: upn, asOf: date).consecutiveUnexplainedDays } } })
            figures.append(Figure(name: "stats_with_10_week_window_ms", label: "stats incl. 10-school-week window and N/O runs", value: summaryMs, unit: "ms"))

            // The head's panel caseload: every pupil's recommendation on every track, as of today.
            var rows = 0
            let caseloadMs = median((0..<max(runs, 11)).map { _ in
                time { rows = CaseworkEngine(school: store.school, asOf: date)!.caseload().count }
            })
            figures.append(Figure(name: "caseload_recompute_ms", label: "recompute the panel caseload (\(rows) rows)", value: caseloadMs, unit: "ms", target: 50))

            // Record one mark durably, against a bare O_APPEND write + fsync in the same directory.
            let first = upns[0]
            var session = Session(date.adding(days: 400), .am)
            try store.commit(Transaction([.mark(MarkChange(upn: first, session: session, mark: Mark(.presentAM)))]), by: staff)  // the day's backup
            var markTimes: [Double] = []
            for _ in 0..<commits {
                session = session.next
                let t = Transaction([.mark(MarkChange(upn: first, session: session, mark: Mark(.illness)))])
                markTimes.append(time { _ = try? store.commit(t, by: staff) })
            }
            let bare = bareAppendFsync(dir: dir, count: commits)
            let markMs = median(markTimes)
            figures.append(Figure(name: "record_mark_ms", label: "record one mark durably", value: markMs, unit: "ms"))
            figures.append(Figure(name: "bare_append_fsync_ms", label: "bare O_APPEND write + fsync of one line", value: bare, unit: "ms"))
            figures.append(Figure(name: "record_mark_vs_bare_ratio", label: "record one mark ÷ bare append + fsync", value: markMs / bare, unit: "×", target: 3))

            let peak = Double(probes.map(\.maxRSSKB).max() ?? 0) / 1024
            figures.append(Figure(name: "peak_memory_mb", label: "peak memory (open + stats, fresh process)", value: peak, unit: "MB", target: 200))
        }

        // A Common Transfer File with 200 pupils (every year of their marks, as `export ctf`
        // writes it), read and stored all or nothing into a fresh store.
        if wants("ctf") {
            let ctfUPNs = Array(school.roll.prefix(200).map(\.upn))
            let ctfData = Data(try CTF.document(ctfUPNs, school: school, generated: "2026-03-20T09:00:00Z").utf8)
            var ctfTimes: [Double] = []
            for run in 0..<runs {
                let target = "\(dir)-ctf-\(run)"
                defer { try? FileManager.default.removeItem(atPath: target) }
                let fresh = try Store.create(at: target, schoolName: "Receiving School", head: staff)
                ctfTimes.append(try time {
                    _ = try fresh.importCTF(try CTF.parse(ctfData, file: "bench.xml"), file: "bench.xml", regGroup: "NEW", by: staff)
                })
            }
            figures.append(Figure(name: "ctf_import_200_pupils_ms", label: "import a CTF of 200 pupils (\(ctfData.count / 1024) KB, all their years of marks)",
                                  value: median(ctfTimes), unit: "ms", target: 1000))
        }
        // The terminal app: start to first frame in a fresh process, then a replayed morning.
        if wants("app") {
            let store = try Store.open(at: dir)
            let appProbes = try (0..<runs).map { _ in try probe(dir, command: "probe-app") }
            figures.append(Figure(name: "app_first_frame_ms", label: "app start to first frame (open, Today drawn; the contact log follows)", value: median(appProbes.map(\.openMs)), unit: "ms", target: 200))
            let replay = AppFigures.replay(school: store.school, staff: staff, today: date)
            figures.append(Figure(name: "app_key_and_frame_p99_ms", label: "key handled + frame drawn, 99th percentile (\(replay.keyCount) keys)", value: replay.p99, unit: "ms", target: 16))
            figures.append(Figure(name: "app_key_and_frame_median_ms", label: "key handled + frame drawn, median", value: replay.median, unit: "ms"))
            let panel = PanelFigures.measure(school: store.school, staff: staff, today: date, runs: runs)
            figures.append(Figure(name: "panel_open_ms", label: "open the panel (caseload recomputed, first frame drawn)", value: panel.openMs, unit: "ms", target: 50))
            figures.append(Figure(name: "panel_and_chronology_key_p99_ms", label: "panel scrolled, pupils with 200-entry chronologies opened: key + frame p99 (\(panel.keyCount) keys)",
                                  value: panel.p99, unit: "ms", target: 16))
            let pasteMs = PasteFigures.measure(school: store.school, staff: staff, today: date, runs: runs)
            figures.append(Figure(name: "app_paste_5000_ms", label: "a 5,000-character paste into a note: read, put in the field, frame drawn", value: pasteMs, unit: "ms", target: 100))
            let appPeak = Double(appProbes.map(\.maxRSSKB).max() ?? 0) / 1024
            figures.append(Figure(name: "app_peak_memory_mb", label: "peak memory (app start, fresh process)", value: appPeak, unit: "MB", target: 200))
        }

        // A full year of marks imported as one `rollcall import marks` process.
        if wants("import") {
            figures += try ImportFigures.measure(school: school, work: dir + "-import", runs: min(runs, 3), keep: keep != nil, log: log)
            if keep == nil { try? FileManager.default.removeItem(atPath: dir + "-import") }
        }

        // The PostgreSQL store, on a cluster the bench starts and stops.
        if wants("database") {
            figures += try DatabaseFigures.measure(school: school, fileStore: dir, asOf: asOf, runs: runs, me: staff,
                                                   probeFiles: { try probe($0).openMs }, log: log)
        }

        // A trust of many schools: in PostgreSQL, and as stores, read by the command and by :trust in the app.
        if wants("trust") {
            figures += try TrustAppFigures.measure(schools: trustSchools, pupils: trustPupils ?? min(420, pupils), years: 1, seed: seed, asOf: asOf,
                                                   runs: runs, me: staff, work: dir + "-trust", log: log)
        }

        if json {
            FileHandle.standardError.write(Data("\(pupils) pupils, \(years) years, \(marks) marks, \(entries) contact-log entries, \(openCases) open cases; median of \(runs) runs\n".utf8))
            print(Figure.json(figures))
        } else {
            print("Rollcall benchmark: \(pupils) pupils, \(years) years, \(marks) marks, \(entries) contact-log entries, \(openCases) open cases; median of \(runs) runs (\(commits) for marks)")
            print(Figure.table(figures))
        }
        if scanned == -1 { print("") }  // keeps the scans from being optimised away
    }

    struct ProbeResult { var openMs: Double; var maxRSSKB: Int }

    func probe(_ dir: String, command: String = "probe-open") throws -> ProbeResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = [command, dir, asOf]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard parts.count == 2, let ms = Double(parts[0]), let kb = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("probe failed: \(String(decoding: data, as: UTF8.self))")
        }
        return ProbeResult(openMs: ms, maxRSSKB: kb)
    }
}

/// Opens a store in a fresh process, computes the whole school's figures, and prints
/// "OPEN_MS MAX_RSS_KB".
struct ProbeOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-open", shouldDisplay: false)
    @Argument var dir: String
    @Argument var asOf: String

    func run() throws {
        var store: Store?
        let ms = try time { store = try Store.open(at: dir) }
        let school = store!.school
        let stats = school.statistics
        let range = Statistics.yearToDate(SchoolDate(parsing: asOf)!)
        var n = 0
        for p in school.roll { n &+= stats.figures(for: p.upn, in: range).possible }
        print("\(ms) \(peakRSSKB())\(n == -1 ? " " : "")")
    }
}

/// Starts the app's model in a fresh process as `rollcall` does (open the store, read the
/// year's marks and the recent contact log, build Today, draw the first frame) and prints
/// "MS MAX_RSS_KB".
struct ProbeApp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-app", shouldDisplay: false)
    @Argument var dir: String
    @Argument var asOf: String

    func run() throws {
        let today = SchoolDate(parsing: asOf)!
        var cells = 0
        var parts: [(String, Double)] = []
        let ms = try time {
            var store: Store!
            parts.append(("open", try time { store = try Store.open(at: dir) }))
            parts.append(("years", try time { try store.loadYears(covering: Statistics.yearToDate(today)) }))
            let me = try store.staffMember(login: ProcessInfo.processInfo.userName)
            var state: AppState!
            parts.append(("today", time { state = AppState(context: AppContext(today: today, minutes: 9 * 60 + 5, staff: me), school: store.school, width: 120, height: 40,
                                                          contactLogRead: false) }))
            parts.append(("draw", time { cells = state.draw().cells.count }))
        }
        // What follows the first frame (not part of the figure).
        parts.append(("then the contact log", try time { try Store.open(at: dir).loadContacts(from: today.adding(days: -31)) }))
        if ProcessInfo.processInfo.environment["BENCH_SLOWEST"] != nil {
            FileHandle.standardError.write(Data(parts.map { "\($0.0) \(fmt($0.1)) ms" }.joined(separator: ", ").utf8 + [10]))
        }
        print("\(ms) \(peakRSSKB())\(cells == -1 ? " " : "")")
    }
}

/// `probe-open` for a school in a database: opens it in a fresh process, computes the whole
/// school's figures for the year to date, and prints "MS MAX_RSS_KB".
struct ProbeOpenDatabase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-open-db", shouldDisplay: false)
    @Argument var url: String
    @Argument var school: String
    @Argument var asOf: String

    func run() throws {
        // Timed as `probe-open` times the file store: the open; the figures follow, as there.
        var store: PostgresStore?
        let ms = try time { store = try PostgresStore.open(database: url, school: school) }
        for w in store!.warnings { FileHandle.standardError.write(Data("probe-open-db: \(w)\n".utf8)) }
        let stats = store!.school.statistics
        let range = Statistics.yearToDate(SchoolDate(parsing: asOf)!)
        var n = 0
        for p in store!.school.roll { n &+= stats.figures(for: p.upn, in: range).possible }
        print("\(ms) \(peakRSSKB())\(n == -1 ? " " : "")")
    }
}
