import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a tool and collects what it printed (for the cluster and the OS-login fixtures).
///
/// With posix_spawn, not Foundation's Process: `pg_ctl start` leaves a server running, and a
/// server that inherits any of the test process's descriptors holds them open for ever.
/// Foundation's Process learns that its child has ended from a descriptor the child
/// inherits, and the tests run in parallel; so every child here starts with only stdin,
/// stdout and stderr (closefrom(3)), which are files, never pipes.
enum Shell {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    struct Failed: Error, CustomStringConvertible { var description: String }

    @discardableResult
    static func run(_ tool: String, _ args: [String], input: String = "", withoutFakeClock: Bool = false) throws -> Result {
        let base = NSTemporaryDirectory() + "rollcall-shell-\(UUID().uuidString)"
        let (inPath, outPath, errPath) = ("\(base).in", "\(base).out", "\(base).err")
        defer { for p in [inPath, outPath, errPath] { unlink(p) } }
        try input.write(toFile: inPath, atomically: false, encoding: .utf8)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard rollcall_addclosefrom(&actions, 3) == 0 else { throw Failed(description: "posix_spawn_file_actions_addclosefrom_np failed") }

        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        // The server's own processes run on the real clock (see `TestCluster.asServer`).
        let env: [UnsafeMutablePointer<CChar>?] = withoutFakeClock
            ? ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FAKETIME") && $0.key != "LD_PRELOAD" && $0.key != "DONT_FAKE_MONOTONIC" }
                .map { strdup("\($0.key)=\($0.value)") } + [nil]
            : []
        defer { for e in env { free(e) } }
        let spawned = argv.withUnsafeBufferPointer { a in
            withoutFakeClock
                ? env.withUnsafeBufferPointer { e in posix_spawn(&pid, tool, &actions, nil, UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!)) }
                : posix_spawn(&pid, tool, &actions, nil, UnsafeMutablePointer(mutating: a.baseAddress!), environ)
        }
        guard spawned == 0 else { throw Failed(description: "\(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, stdout: read(outPath), stderr: read(errPath))
    }

    /// `run`, throwing with the tool's own words when it fails.
    @discardableResult
    static func check(_ tool: String, _ args: [String], input: String = "", withoutFakeClock: Bool = false) throws -> Result {
        let r = try run(tool, args, input: input, withoutFakeClock: withoutFakeClock)
        guard r.status == 0 else {
            throw Failed(description: "\(tool) \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)\(r.stdout)")
        }
        return r
    }
}

/// glibc's closefrom file action (2.34 on), declared here: Glibc's module map leaves out the
/// GNU extensions of spawn.h.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func rollcall_addclosefrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
