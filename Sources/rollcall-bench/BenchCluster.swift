import Foundation
import PostgresStore

/// A throwaway PostgreSQL cluster for the database figures, as the tests make theirs
/// (Tests/PostgresStoreTests/TestCluster.swift): initdb into a temporary directory, the
/// Unix socket only, run by a non-root OS user (as root, `postgres`, which Debian's package
/// makes). Unlike the tests' clusters it keeps PostgreSQL's durable defaults (fsync and
/// synchronous_commit on), since the figures are about durable changes.
final class BenchCluster {
    let root: String
    let data: String
    let socket: String
    let superuser: String
    private let serverUser: String

    static var binDirectory: String? {
        if let dir = ProcessInfo.processInfo.environment["ROLLCALL_PG_BINDIR"] { return dir }
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(base)/\(v)/bin/initdb") {
            return "\(base)/\(v)/bin"
        }
        return nil
    }

    init() throws {
        guard let bin = Self.binDirectory else { throw BenchError("PostgreSQL is not installed (Debian: apt-get install postgresql)") }
        if getuid() == 0 {
            guard getpwnam("postgres") != nil else { throw BenchError("as root, the cluster runs as the OS user postgres, which does not exist") }
            serverUser = "postgres"
        } else {
            serverUser = ProcessInfo.processInfo.userName
        }
        superuser = serverUser
        root = "/tmp/rollcall-bench-pg-\(getpid())"
        data = "\(root)/data"
        socket = "\(root)/socket"
        try FileManager.default.createDirectory(atPath: socket, withIntermediateDirectories: true)
        chmod(root, 0o755)
        try run("chown -R \(serverUser) '\(root)'")
        try asServer("\(bin)/initdb -D '\(data)' --no-locale -E UTF8 -U \(superuser) --auth-local=trust --auth-host=reject >/dev/null")
        let conf = "\nlisten_addresses = ''\nunix_socket_permissions = 0700\nmax_connections = 60\nlog_min_messages = warning\n"
        try asServer("printf '%s' \"\(conf)\" >> '\(data)/postgresql.conf'")
        try asServer("\(bin)/pg_ctl start -w -t 60 -D '\(data)' -l '\(data)/server.log' -o '-k \(socket)' >/dev/null")
    }

    func stop() {
        if let bin = Self.binDirectory { try? asServer("\(bin)/pg_ctl stop -w -m fast -D '\(data)' >/dev/null") }
        try? FileManager.default.removeItem(atPath: root)
    }

    func conninfo(user: String, database: String = "postgres") -> String {
        "host='\(socket)' dbname='\(database)' user='\(user)'"
    }

    /// With system(3), not Process: the server pg_ctl leaves running inherits the descriptors
    /// of whatever started it, and nothing here waits for them to close.
    private func run(_ command: String) throws {
        let status = system(command)
        guard status == 0 else { throw BenchError("`\(command)` failed (\(status))") }
    }

    private func asServer(_ command: String) throws {
        if getuid() == 0 {
            try run("/usr/sbin/runuser -u \(serverUser) -- /bin/sh -c \(shellQuoted(command))")
        } else {
            try run(command)
        }
    }

    private func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
