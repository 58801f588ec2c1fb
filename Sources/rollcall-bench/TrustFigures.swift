import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import SchoolGenerator

/// Issue 23's figures: `rollcall trust` over 50 generated primaries of 420 pupils in JSON
/// stores, one process, the whole command; its peak memory; and the baseline it replaces,
/// one `rollcall stats --by school` process per school.
struct TrustRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust", abstract: "Measure rollcall trust over many generated schools (--stores).")

    @Option(help: "Schools in the trust.") var schools = 50
    @Option(help: "Pupils in each school.") var pupils = 420
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: "The schools' today.") var asOf = "2026-03-20"
    @Option(help: "Runs per figure (the median is reported).") var runs = 5
    @Option(help: "Keep the generated stores in this directory.") var keep: String?
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func run() throws {
        guard let date = SchoolDate(parsing: asOf) else { throw ValidationError("--as-of is not a date") }
        let log: (String) -> Void = { if !json { FileHandle.standardError.write(Data("\($0)\n".utf8)) } }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rollcall").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no rollcall binary beside rollcall-bench: swift build -c release first")
        }
        let dir = keep ?? NSTemporaryDirectory() + "rollcall-bench-trust-\(getpid())"
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let me = ProcessInfo.processInfo.userName
        let policy = try PolicyFile.preset(PolicyFile.defaultPresetID)
        var stores: [String] = []
        log("Generating \(schools) schools × \(pupils) pupils…")
        for i in 0..<schools {
            let store = "\(dir)/school-\(i + 1)"
            stores.append(store)
            if FileManager.default.fileExists(atPath: "\(store)/\(StoreLocation.manifestFileName)") { continue }
            var g = SchoolGenerator(asOf: date)
            g.name = "School \(i + 1)"
            g.pupils = pupils
            g.seed = seed &* 1000 &+ UInt64(i)
            g.policy = policy
            var school = g.generate()
            school.staff[me] = StaffMember(login: me, name: "Benchmark", role: .head)
            _ = try Store.create(at: store, school: school)
        }
        let clock = ["--as-of", asOf, "--today", asOf, "--now", "16:00"]
        log("rollcall trust --stores (\(schools) stores), \(runs) runs…")
        var times: [Double] = [], peaks: [Int] = []
        for _ in 0..<runs {
            let (ms, kb) = try ImportFigures.spawn(binary, ["trust", "--stores"] + stores + clock + ["--format", "json"])
            times.append(ms)
            peaks.append(kb)
        }
        log("rollcall stats --by school, one process per school, \(max(1, runs / 2)) runs…")
        let separate = try (0..<max(1, runs / 2)).map { _ in
            try stores.reduce(0.0) { sum, store in
                sum + (try ImportFigures.spawn(binary, ["stats", "--by", "school", "--format", "json", "--store", store, "--as-of", asOf]).ms)
            }
        }
        let figures = [
            Figure(name: "trust_stores_ms", label: "rollcall trust over \(schools) JSON stores × \(pupils) pupils, one process, whole command",
                   value: median(times), unit: "ms", target: 1000),
            Figure(name: "trust_peak_memory_mb", label: "its peak memory", value: Double(peaks.max() ?? 0) / 1024, unit: "MB", target: 500),
            Figure(name: "stats_per_school_processes_ms", label: "baseline: rollcall stats --by school in \(schools) processes, one after another",
                   value: median(separate), unit: "ms"),
        ]
        print(json ? Figure.json(figures) : Figure.table(figures))
    }
}
