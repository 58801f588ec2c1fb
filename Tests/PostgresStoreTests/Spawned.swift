import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process the test does not wait for at once (to kill it, or to run several):
/// posix_spawn with only stdin, stdout and stderr open, as `Shell.run` does and for the same
/// reason; stdout and stderr go to files.
final class Spawned {
    let pid: pid_t
    let output: String
    private var status: Int32?

    init(_ tool: String, _ args: [String], environment: [String] = []) throws {
        output = NSTemporaryDirectory() + "rollcall-spawned-\(UUID().uuidString)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard spawnedClosefrom(&actions, 3) == 0 else { throw Shell.Failed(description: "posix_spawn_file_actions_addclosefrom_np failed") }
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for a in argv + envp { free(a) } }
        var pid: pid_t = 0
        let spawned = argv.withUnsafeBufferPointer { a in
            envp.withUnsafeBufferPointer { e in
                posix_spawn(&pid, tool, &actions, nil, UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!))
            }
        }
        guard spawned == 0 else { throw Shell.Failed(description: "\(tool): \(String(cString: strerror(spawned)))") }
        self.pid = pid
    }

    /// Waits for the process; its exit status, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let code: Int32 = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status = code
        return code
    }

    func kill9() { _ = kill(pid, SIGKILL) }

    var stdout: String { String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: FileManager.default.contents(atPath: output + ".err") ?? Data(), as: UTF8.self) }

    deinit {
        if status == nil { kill9(); wait() }
        unlink(output)
        unlink(output + ".err")
    }
}

@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnedClosefrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
