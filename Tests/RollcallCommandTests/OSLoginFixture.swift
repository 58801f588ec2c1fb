import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Real OS logins and groups for the shared-store tests, made with `groupadd`/`useradd` when
/// the tests run as root (as CI does); the tests skip, saying why, anywhere else.
enum OSLoginFixture {
    static let staffGroup = "rcstaff"
    static let dslGroup = "rcdslgrp"
    /// The head (in both groups), the office login, the DSL (both groups) and an outsider.
    static let head = "rchead", office = "rcoffice", dsl = "rcdsl", outsider = "rcoutsider"

    static let runuser = "/usr/sbin/runuser"

    /// Why the tests cannot run here, or nil.
    static let unavailable: String? = {
        if getuid() != 0 { return "needs root to create logins with useradd (CI runs as root)" }
        for tool in ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/sbin/usermod", runuser] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "needs \(tool)"
        }
        do { try create() } catch { return "could not create the test logins: \(error)" }
        return nil
    }()

    static var available: Bool { unavailable == nil }

    private static func create() throws {
        for group in [staffGroup, dslGroup] where getgrnam(group) == nil {
            try run("/usr/sbin/groupadd", [group])
        }
        let memberships = [head: "\(staffGroup),\(dslGroup)", office: staffGroup, dsl: "\(staffGroup),\(dslGroup)", outsider: ""]
        for (login, groups) in memberships.sorted(by: { $0.key < $1.key }) {
            if getpwnam(login) == nil { try run("/usr/sbin/useradd", ["-M", "-N", "-g", "users", "-s", "/bin/sh", login]) }
            if !groups.isEmpty { try run("/usr/sbin/usermod", ["-aG", groups, login]) }
        }
    }

    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> RollcallProcess.Result {
        // Another login's processes run on the real clock: under CI's faketime run, the
        // semaphore libfaketime shares (made by root) could not always be opened by another
        // login, and its command failed before it started. Every test here names its dates.
        let env = tool == runuser ? ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FAKETIME") && $0.key != "LD_PRELOAD" } : nil
        let r = try RollcallProcess.run(executable: tool, args, environment: env)
        if tool != runuser && r.status != 0 { throw FixtureError(description: "\(tool) \(args.joined(separator: " ")): \(r.stderr)") }
        return r
    }

    struct FixtureError: Error, CustomStringConvertible { var description: String }

    /// `rollcall` as `login`, with a clean environment (no ROLLCALL_LOGIN: the OS login is who acts).
    static func rollcall(as login: String, _ args: [String]) throws -> RollcallProcess.Result {
        try run(runuser, ["-u", login, "--", "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", binary] + args)
    }

    /// Any command as `login`.
    static func shell(as login: String, _ command: String) throws -> RollcallProcess.Result {
        try run(runuser, ["-u", login, "--", "/bin/sh", "-c", command])
    }

    /// The built binary where every login can run it: in place when every directory above
    /// it lets others through, else copied (with its resource bundles) to a shared directory.
    static let binary: String = {
        let built = RollcallProcess.binary
        let dir = (built as NSString).deletingLastPathComponent
        if everyoneCanReach(dir) { return built }
        let shared = NSTemporaryDirectory() + "rollcall-shared-bin-\(getpid())"
        let fm = FileManager.default
        try? fm.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name == "rollcall" || name.hasSuffix(".resources") {
            try? fm.removeItem(atPath: "\(shared)/\(name)")
            try? fm.copyItem(atPath: "\(dir)/\(name)", toPath: "\(shared)/\(name)")
        }
        _ = try? run("/bin/chmod", ["-R", "a+rX", shared])
        return "\(shared)/rollcall"
    }()

    static func everyoneCanReach(_ dir: String) -> Bool {
        var path = dir
        while !path.isEmpty && path != "/" {
            var st = stat()
            guard stat(path, &st) == 0, st.st_mode & 0o001 != 0 else { return false }
            path = (path as NSString).deletingLastPathComponent
        }
        return true
    }

    /// A directory every login can pass through, for a store set up as a school would: made
    /// by root and handed to the head (`install -d -o HEAD`), as docs/guide-head.md says.
    static func schoolDirectory() throws -> (root: String, store: String) {
        let root = "/tmp/rollcall-os-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        chmod(root, 0o755)
        let store = "\(root)/store"
        try run("/usr/bin/install", ["-d", "-o", head, "-m", "700", store])
        return (root, store)
    }
}
