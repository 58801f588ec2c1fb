import AttendanceStore
import Foundation

func time(_ body: () throws -> Void) rethrows -> Double {
    if cpuTimeOnly {
        let start = threadCPUNanoseconds()
        try body()
        return Double(threadCPUNanoseconds() - start) / 1_000_000
    }
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

/// BENCH_CPU_TIME=1: each timing is the measuring thread's CPU time, not the wall clock's,
/// for a machine other work keeps busy (waiting for a core is then left out; so is waiting
/// for the disk, so the fsync figures mean nothing in this mode). Off by default.
let cpuTimeOnly = ProcessInfo.processInfo.environment["BENCH_CPU_TIME"] == "1"

func threadCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ v: Double) -> String { v < 10 ? String(format: "%.2f", v) : String(format: "%.1f", v) }

/// The floor for a durable change: one line appended and fsync'd, nothing else.
func bareAppendFsync(dir: String, count: Int) -> Double {
    let path = "\(dir)/bare-append.tmp"
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
    defer { close(fd); unlink(path) }
    let line = Array("{\"seq\":1,\"change\":\"a line about as long as one mark's journal entry, give or take\"}\n".utf8)
    return median((0..<count).map { _ in
        time {
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, line.count) }
            fsync(fd)
        }
    })
}

/// Python's orjson parsing the same files the store read at open, as the "fast parser"
/// reference (the journal is empty in a freshly generated store).
func orjsonParseMs(_ files: [String], runs: Int) throws -> Double? {
    let script = """
    import sys, time
    import orjson
    blobs = [open(f, "rb").read() for f in sys.argv[2:]]
    best = []
    for _ in range(int(sys.argv[1])):
        t = time.perf_counter()
        for b in blobs: orjson.loads(b)
        best.append((time.perf_counter() - t) * 1000)
    best.sort()
    print(best[len(best) // 2])
    """
    return pythonNumber(script, [String(runs)] + files)
}

/// Runs a Python reference measurement and reads the one number it prints; nil when
/// python3 (or the module it needs) is not there.
func pythonNumber(_ script: String, _ arguments: [String]) -> Double? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

struct Figure {
    var name: String
    var label: String
    var value: Double?
    var unit: String
    /// Every target is an upper bound: met when value < target.
    var target: Double?
    var met: Bool?

    init(name: String, label: String, value: Double?, unit: String, target: Double? = nil) {
        self.name = name
        self.label = label
        self.value = value
        self.unit = unit
        self.target = target
        self.met = target.flatMap { t in value.map { $0 < t } }
    }

    static func table(_ figures: [Figure]) -> String {
        let rows = figures.map { f -> [String] in
            let value: String = f.value.map { "\(fmt($0)) \(f.unit)" } ?? "–"
            let target: String = f.target.map { "< \($0 == $0.rounded() ? String(Int($0)) : fmt($0)) \(f.unit)" } ?? ""
            let met: String = f.met.map { $0 ? "met" : "MISSED" } ?? ""
            return [f.label, value, target, met]
        }
        let header = ["figure", "value", "target", ""]
        let widths = (0..<4).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        return ([header] + rows).map { r in
            r.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// One object: each figure's name → {"value", "unit", "target", "met"} (numbers, or null).
    static func json(_ figures: [Figure]) -> String {
        JSONValue.object(figures.map { f in
            (f.name, .object([("value", f.value.map(JSONValue.double) ?? .null), ("unit", .string(f.unit)),
                              ("target", f.target.map(JSONValue.double) ?? .null), ("met", f.met.map(JSONValue.bool) ?? .null)]))
        }).rendered()
    }
}

/// This process's peak resident memory in KB, as the kernel counts it for this program
/// (`VmHWM`). Not `getrusage`'s `ru_maxrss`: a child started with posix_spawn shares its
/// parent's memory until exec, and on Linux `ru_maxrss` keeps that parent's high-water mark,
/// so a small probe started by the large benchmark would report the benchmark's size.
func peakRSSKB() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
        return kb
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss)
}

