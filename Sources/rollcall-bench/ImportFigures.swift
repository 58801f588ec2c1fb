import Attendance
import AttendanceStore
import Foundation

/// A full year of marks imported as one `rollcall import marks` process (the binary built
/// beside this one), against Python's `csv.DictReader` only reading the same file, and the
/// import process's peak memory.
enum ImportFigures {
    /// `keep` leaves the marks file and an empty store (`empty-store`) in `work`, to profile by hand.
    static func measure(school: School, work: String, runs: Int, keep: Bool = false, log: (String) -> Void) throws -> [Figure] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rollcall").path
        // The last complete academic year when there is one, else the only one.
        let years = school.register.academicYears
        guard let year = years.count >= 2 ? years[years.count - 2] : years.last else { return [] }
        let csv = Export.marksCSV(school, in: DateRange(year.firstDay, year.lastDay))
        let rows = csv.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } - 1
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let file = "\(work)/year-marks.csv"
        try csv.write(toFile: file, atomically: false, encoding: .utf8)
        let label = "import a year of marks (\(rows) rows), one rollcall process"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            log("No rollcall binary beside rollcall-bench (swift build first): the import figures are not measured")
            return [Figure(name: "import_year_marks_ms", label: label + " (rollcall not built)", value: nil, unit: "ms"),
                    Figure(name: "import_vs_dictreader_ratio", label: "import ÷ csv.DictReader read", value: nil, unit: "×", target: 2),
                    Figure(name: "import_peak_memory_mb", label: "import peak memory", value: nil, unit: "MB", target: 200)]
        }
        var bare = school
        bare.register = Register()
        if keep {
            try? FileManager.default.removeItem(atPath: "\(work)/empty-store")
            _ = try Store.create(at: "\(work)/empty-store", school: bare)
        }
        log("Importing \(rows) marks (\(year)) as rollcall import marks, \(runs) runs…")
        var times: [Double] = [], peaks: [Int] = []
        for run in 0..<runs {
            let store = "\(work)/import-\(run)"
            try? FileManager.default.removeItem(atPath: store)
            _ = try Store.create(at: store, school: bare)
            let (ms, kb) = try spawn(binary, ["import", "marks", file, "--store", store])
            times.append(ms)
            peaks.append(kb)
            try? FileManager.default.removeItem(atPath: store)
        }
        let importMs = median(times)
        let reference = dictReaderMs(file, runs: runs)
        if !keep { try? FileManager.default.removeItem(atPath: file) }
        return [
            Figure(name: "import_year_marks_ms", label: label, value: importMs, unit: "ms"),
            Figure(name: "import_vs_dictreader_ratio",
                   label: "import ÷ Python csv.DictReader reading the file" + (reference.map { " (\(fmt($0)) ms)" } ?? " (python3 not available)"),
                   value: reference.map { importMs / $0 }, unit: "×", target: 2),
            Figure(name: "import_peak_memory_mb", label: "import peak memory (the rollcall process)", value: Double(peaks.max() ?? 0) / 1024, unit: "MB", target: 200),
        ]
    }

    /// Runs a process with its output discarded; returns its wall time and peak RSS (KB).
    static func spawn(_ path: String, _ arguments: [String]) throws -> (ms: Double, maxRSSKB: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        // GNU time, when there, measures the peak itself: wait4's ru_maxrss would include
        // this (large) benchmark process's high-water mark, which a spawned child inherits.
        let timeTool = "/usr/bin/time"
        let peakFile = NSTemporaryDirectory() + "rollcall-bench-peak-\(getpid())"
        let viaTime = FileManager.default.isExecutableFile(atPath: timeTool)
        let command = viaTime ? [timeTool, "-f", "%M", "-o", peakFile, path] + arguments : [path] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var usage = rusage()
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        _ = wait4(pid, &status, 0, &usage)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        guard status == 0 else {
            struct ImportFailed: Error, CustomStringConvertible { var description: String }
            throw ImportFailed(description: "\(path) \(arguments.joined(separator: " ")) exited with status \(status)")
        }
        if viaTime, let text = try? String(contentsOfFile: peakFile, encoding: .utf8),
           let kb = Int(text.split(whereSeparator: \.isNewline).last ?? "") {
            try? FileManager.default.removeItem(atPath: peakFile)
            return (ms, kb)
        }
        return (ms, Int(usage.ru_maxrss))
    }

    /// Python's csv.DictReader reading every row of the file (the median of `runs`), in ms.
    static func dictReaderMs(_ file: String, runs: Int) -> Double? {
        let script = """
        import csv, sys, time
        times = []
        for _ in range(int(sys.argv[2])):
            t = time.perf_counter()
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                n = sum(1 for _ in csv.DictReader(f))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(times[len(times) // 2])
        """
        return pythonNumber(script, [file, String(runs)])
    }
}
