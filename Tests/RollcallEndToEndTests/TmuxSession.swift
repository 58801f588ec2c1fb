import Foundation

/// Runs a program in a detached tmux server of its own (a socket in a fresh temp directory),
/// types keys into it and reads its screen back as text, as a person at the terminal would.
///
///     let tmux = try TmuxSession(binary: TmuxSession.rollcall, environment: ["ROLLCALL_STORE": dir])
///     try tmux.waitFor("q quit")            // the first screen is up: keypad mode is on
///     tmux.sendKeys(["Down", "Enter"])      // tmux key names, one keystroke each
///     tmux.type("Zoë")                      // literal text, one keystroke per character
///     try tmux.waitFor("Zoë")
///
/// Every window has its own `capture`/`sendKeys` by window index (0 is the first program;
/// `newWindow` starts another in the same server). The server is killed and the directory
/// removed in `kill()` or `deinit`. Panes stay after their program exits (remain-on-exit), so
/// the last screen can still be captured; `isRunning` tells whether the program is alive.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether `tmux` is on the PATH; gate suites with `.enabled(if: TmuxSession.isAvailable, …)`.
    static let isAvailable: Bool = executable("tmux") != nil

    /// The built `rollcall` binary, beside the test bundle in the build products directory.
    static let rollcall: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rollcall").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
        return bundle?.appendingPathComponent("rollcall").path ?? "rollcall"
    }()

    /// The session's own temp directory (the socket lives here; tests may put a store here too).
    let directory: String
    let width: Int
    let height: Int
    /// Keystrokes sent so far: one per key name, one per character of typed text.
    private(set) var keyCount = 0

    private let socket: String
    private let session = "rollcall"
    private var killed = false

    /// Starts `binary arguments…` in a `width`×`height` window with `LANG=C.UTF-8` plus
    /// `environment`, in `workingDirectory` (default: the session's temp directory).
    init(binary: String, arguments: [String] = [], environment: [String: String] = [:],
         width: Int = 80, height: Int = 24, workingDirectory: String? = nil) throws {
        guard let tmux = TmuxSession.executable("tmux") else { throw Failure(description: "tmux is not installed") }
        self.tmux = tmux
        // Short: a unix socket path must fit in 108 bytes.
        directory = "/tmp/rollcall-tmux-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        socket = directory + "/sock"
        self.width = width
        self.height = height
        // One command queue: the server keeps exited panes before the program can exit.
        var args = ["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                    "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                    "-c", workingDirectory ?? directory]
        args += TmuxSession.environmentFlags(environment)
        args.append(TmuxSession.shellCommand(binary, arguments))
        let r = try run(args)
        guard r.status == 0 else {
            kill()
            throw Failure(description: "tmux new-session failed (\(r.status)): \(r.stderr)")
        }
    }

    deinit { kill() }

    // MARK: Keys

    /// Sends tmux key names ("Enter", "Escape", "Down", "C-s", "BTab", "F2", "a"), one
    /// keystroke each.
    func sendKeys(_ keys: [String], window: Int = 0) {
        guard !keys.isEmpty else { return }
        _ = try? run(["send-keys", "-t", target(window)] + keys)
        keyCount += keys.count
    }

    /// Types literal text (`send-keys -l`), one keystroke per character.
    func type(_ text: String, window: Int = 0) {
        guard !text.isEmpty else { return }
        _ = try? run(["send-keys", "-t", target(window), "-l", text])
        keyCount += text.count
    }

    /// Pastes text as a terminal does (`paste-buffer -p`: bracketed, if the program asked).
    func paste(_ text: String, window: Int = 0) {
        _ = try? run(["set-buffer", "-b", "rollcall-paste", "--", text])
        _ = try? run(["paste-buffer", "-p", "-d", "-b", "rollcall-paste", "-t", target(window)])
    }

    // MARK: The screen

    /// The window's rows as text, trailing spaces trimmed; a double-width character appears
    /// once (compare by display width, not by character index).
    func capture(window: Int = 0) -> [String] {
        guard let r = try? run(["capture-pane", "-p", "-t", target(window)]), r.status == 0 else { return [] }
        var lines = r.stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The captured screen as one string.
    func screen(window: Int = 0) -> String { capture(window: window).joined(separator: "\n") }

    /// Polls the screen until it contains `text`, or throws with the last screen after `timeout`
    /// seconds.
    func waitFor(_ text: String, window: Int = 0, timeout: Double = 5) throws {
        try waitUntil("the screen to show \"\(text)\"", window: window, timeout: timeout) { $0.contains(text) }
    }

    /// Polls until the screen (as one string) satisfies `condition`.
    func waitUntil(_ what: String, window: Int = 0, timeout: Double = 5, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = screen(window: window)
            if condition(last) { return }
            if Date() >= deadline { break }
            usleep(10_000)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen was:\n" +
                      "┌\(String(repeating: "─", count: width))\n" +
                      last.split(separator: "\n", omittingEmptySubsequences: false).map { "│" + $0 }.joined(separator: "\n") +
                      "\n└\(String(repeating: "─", count: width))")
    }

    /// Polls until the window's program has exited.
    func waitForExit(window: Int = 0, timeout: Double = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning(window: window) {
            if Date() >= deadline {
                throw Failure(description: "the program in window \(window) still runs after \(timeout) s; the screen was:\n" + screen(window: window))
            }
            usleep(10_000)
        }
    }

    // MARK: Windows

    /// Resizes the window (the program gets one KEY_RESIZE).
    func resize(width: Int, height: Int, window: Int = 0) {
        _ = try? run(["resize-window", "-t", target(window), "-x", "\(width)", "-y", "\(height)"])
    }

    /// Starts another program in a new window of the same server (a second member of staff
    /// on the same store) and returns its window index for `capture`/`sendKeys`.
    func newWindow(binary: String, arguments: [String] = [], environment: [String: String] = [:],
                   workingDirectory: String? = nil) throws -> Int {
        var args = ["new-window", "-d", "-P", "-F", "#{window_index}", "-t", "\(session):",
                    "-c", workingDirectory ?? directory]
        args += TmuxSession.environmentFlags(environment)
        args.append(TmuxSession.shellCommand(binary, arguments))
        let r = try run(args)
        guard r.status == 0, let index = Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "tmux new-window failed (\(r.status)): \(r.stderr)")
        }
        return index
    }

    /// Whether the window's program is still running.
    func isRunning(window: Int = 0) -> Bool {
        guard !killed, let r = try? run(["display-message", "-p", "-t", target(window), "#{pane_dead}"]),
              r.status == 0 else { return false }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    var isRunning: Bool { isRunning(window: 0) }

    /// The exit status of the window's program (128 + n if signal n killed it), nil while it runs.
    /// tmux sees the pane close a moment before it reaps the program, so this waits up to a
    /// few seconds for the status (longer on a loaded machine).
    func exitStatus(window: Int = 0) -> Int? {
        let deadline = Date().addingTimeInterval(5)
        while true {
            guard let r = try? run(["display-message", "-p", "-t", target(window),
                                    "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"]),
                  r.status == 0 else { return nil }
            let parts = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.first == "1", parts.count == 3 else { return nil }
            if let status = Int(parts[1]) { return status }
            if let signal = Int(parts[2]) { return 128 + signal }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Kills the server and its programs and removes the directory. Idempotent.
    func kill() {
        guard !killed else { return }
        _ = try? run(["kill-server"])
        killed = true
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Running tmux

    private let tmux: String

    private func target(_ window: Int) -> String { "\(session):\(window)" }

    private struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the tmux client and waits for it. Not Foundation's `Process`: the server forks from
    /// the client and would inherit the descriptor `Process` watches for the child's exit, so
    /// `waitUntilExit` would wait for the server. Here the child gets stdin from /dev/null,
    /// stdout and stderr in files, every other descriptor closed, and no blocked signals.
    private func run(_ arguments: [String]) throws -> Output {
        let out = directory + "/out-" + UUID().uuidString.prefix(8)
        let err = out + ".err"
        defer { unlink(out); unlink(err) }
        var env = ProcessInfo.processInfo.environment
        // The server inherits this environment: no nesting, no store of the developer's.
        env.removeValue(forKey: "TMUX")
        env.removeValue(forKey: "ROLLCALL_STORE")
        env.removeValue(forKey: "LC_ALL")
        env["LANG"] = "C.UTF-8"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        for fd in Int32(3)..<Int32(min(getdtablesize(), 4096)) where fcntl(fd, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        // The test runner's threads block signals, and a spawned child inherits the mask: the
        // server would never see the SIGTERM that kill-server sends itself. Start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([tmux, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Output(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private static func environmentFlags(_ environment: [String: String]) -> [String] {
        (["LANG": "C.UTF-8"].merging(environment) { $1 })
            .sorted { $0.key < $1.key }
            .flatMap { ["-e", "\($0.key)=\($0.value)"] }
    }

    /// One shell command line (tmux runs it with sh -c), every word single-quoted.
    private static func shellCommand(_ binary: String, _ arguments: [String]) -> String {
        "exec " + ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
