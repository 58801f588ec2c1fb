import Foundation
import PostgresStore
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for one test: its data directory and Unix socket in a
/// temporary directory, listening on the socket only (`listen_addresses = ''`), run by a
/// non-root OS user (PostgreSQL refuses to run as root). `stop()` (also run by `deinit`)
/// stops it and removes the directory; a watchdog does the same if the test process dies.
///
/// Each cluster is a copy of one template made by `initdb` once per test process, so a
/// test pays for a start and a stop (about half a second), not for an initdb.
final class TestCluster {
    /// The PostgreSQL tools (initdb, pg_ctl, postgres), or nil when PostgreSQL is not installed.
    static let binDirectory: String? = {
        if let dir = ProcessInfo.processInfo.environment["ROLLCALL_PG_BINDIR"] { return dir }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        for dir in ["/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") {
            return dir
        }
        return nil
    }()

    /// True when PostgreSQL's server tools are installed; tests skip only when they are not.
    static var isInstalled: Bool { binDirectory != nil }
    static let skipReason = "PostgreSQL is not installed (Debian: apt-get install postgresql)"

    static let runuser = "/usr/sbin/runuser"
    /// /tmp as root, so that every test login can reach the socket whatever TMPDIR says.
    static var temporaryDirectory: String { isRoot ? "/tmp/" : NSTemporaryDirectory() }
    static var isRoot: Bool { getuid() == 0 }

    /// The OS user the server runs as: ourselves when not root; as root, `postgres` (made by
    /// Debian's postgresql package) or, failing that, a dedicated user made with useradd.
    static let serverUser: String = {
        if !isRoot { return String(cString: getpwuid(getuid())!.pointee.pw_name) }
        if getpwnam("postgres") != nil { return "postgres" }
        let name = "rcpgserver"
        if getpwnam(name) == nil {
            _ = try? Shell.check("/usr/sbin/useradd", ["-r", "-M", "-N", "-g", "nogroup", "-s", "/usr/sbin/nologin", name])
        }
        return name
    }()

    /// The database superuser: initdb names it after the OS user that ran it.
    static var superuser: String { serverUser }

    /// Runs a PostgreSQL tool as the server's OS user, on the real clock: CI's second run
    /// puts every process under libfaketime, whose semaphore (made by root) the server's user
    /// sometimes could not open, and pg_ctl failed. Nothing here needs the server's clock
    /// faked: Rollcall's rules run by the client's clock; the server only stamps rows.
    @discardableResult
    static func asServer(_ tool: String, _ args: [String]) throws -> Shell.Result {
        let path = "\(binDirectory!)/\(tool)"
        return isRoot ? try Shell.check(runuser, ["-u", serverUser, "--", path] + args, withoutFakeClock: true)
                      : try Shell.check(path, args, withoutFakeClock: true)
    }

    /// The template cluster, made once per process.
    private static let template: Result<String, Error> = Result {
        removeTemplatesOfDeadProcesses()
        let dir = temporaryDirectory + "rollcall-pg-template-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try makeDirectory(dir, mode: 0o700)
        let data = "\(dir)/data"
        // Root may connect as the server's superuser and as the test logins (in-process libpq);
        // everyone else connects as their own OS login (peer authentication). Without root,
        // the socket's directory is private to this user and trust is enough.
        try asServer("initdb", ["-D", data, "--no-sync", "--no-locale", "-E", "UTF8", "-U", superuser,
                                "--auth-local=\(isRoot ? "peer" : "trust")", "--auth-host=reject"])
        var conf = """

            # Rollcall's tests: the socket only, small, and no fsync (a test cluster is thrown away).
            listen_addresses = ''
            unix_socket_permissions = 0777
            shared_buffers = 16MB
            max_connections = 40
            fsync = off
            full_page_writes = off
            log_min_messages = warning

            """
        if isRoot {
            let hba = "local all all peer map=rollcall\n"
            var ident = "rollcall /^(.*)$ \\1\n"
            for role in [superuser] + OSLogins.all { ident += "rollcall root \(role)\n" }
            try write(hba, to: "\(data)/pg_hba.conf")
            try write(ident, to: "\(data)/pg_ident.conf")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(data)/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(conf.utf8))
        try handle.close()
        atexit { try? FileManager.default.removeItem(atPath: TestCluster.temporaryDirectory + "rollcall-pg-template-\(getpid())") }
        return data
    }

    /// Templates left by test processes that died before their atexit ran.
    private static func removeTemplatesOfDeadProcesses() {
        let prefix = "rollcall-pg-template-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: temporaryDirectory + name)
            }
        }
    }

    let root: String
    let data: String
    /// The directory holding the server's socket: libpq's `host`.
    let socketDirectory: String
    private var running = false

    /// Starts a fresh cluster (throws if it cannot: a test that needs one then fails, saying why).
    init() throws {
        let templateData = try Self.template.get()
        root = Self.temporaryDirectory + "rollcall-pg-" + UUID().uuidString.prefix(8)
        data = "\(root)/data"
        socketDirectory = "\(root)/socket"
        // Every login must reach the socket (peer logins run psql as themselves).
        try Self.makeDirectory(root, mode: Self.isRoot ? 0o755 : 0o700)
        try Shell.check("/bin/cp", ["-a", templateData, data])
        try Self.makeDirectory(socketDirectory, mode: 0o755)
        if Self.isRoot { try Shell.check("/bin/chown", [Self.serverUser, socketDirectory]) }
        _ = FileManager.default.createFile(atPath: "\(root)/running", contents: nil)
        startWatchdog()
        do {
            try start()
        } catch {
            stop()
            throw error
        }
    }

    func start() throws {
        try Self.asServer("pg_ctl", ["start", "-w", "-t", "30", "-D", data, "-l", "\(data)/server.log",
                                     "-o", "-k \(socketDirectory)"])
        running = true
    }

    /// Stops the server, e.g. `immediate` to simulate a crash (then `start()` again).
    func stopServer(mode: String = "fast") throws {
        guard running else { return }
        running = false
        try Self.asServer("pg_ctl", ["stop", "-w", "-m", mode, "-D", data])
    }

    /// Stops the server and removes everything (idempotent).
    func stop() {
        try? FileManager.default.removeItem(atPath: "\(root)/running")
        try? stopServer()
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit { stop() }

    /// If this process dies without stopping the cluster (a crash, a kill), a shell left
    /// behind stops the server within a second and removes its directory. It runs in the
    /// background of a shell that exits at once, so it is not this process's child.
    private func startWatchdog() {
        let pgctl = "\(Self.binDirectory!)/pg_ctl"
        let stop = Self.isRoot ? "\(Self.runuser) -u \(Self.serverUser) -- \(pgctl)" : pgctl
        let script = """
            (while kill -0 \(getpid()) 2>/dev/null && [ -e '\(root)/running' ]; do sleep 1; done; \
            if [ -e '\(root)/running' ]; then \(stop) stop -m immediate -D '\(data)'; rm -rf '\(root)'; fi) \
            </dev/null >/dev/null 2>&1 &
            """
        _ = try? Shell.run("/bin/sh", ["-c", script])
    }

    // MARK: Connecting

    /// A libpq conninfo for `database` as `user` over this cluster's socket.
    func conninfo(user: String = TestCluster.superuser, database: String = "postgres") -> String {
        "host='\(socketDirectory)' dbname='\(database)' user='\(user)' connect_timeout=10"
    }

    func connect(as user: String = TestCluster.superuser, database: String = "postgres") throws -> PGConnection {
        try PGConnection(conninfo(user: user, database: database))
    }

    /// psql as an OS login (peer authentication: the login is the role), reading `sql` on stdin.
    func psql(as login: String, database: String, _ sql: String) throws -> Shell.Result {
        // On the real clock, as the server's tools (see `asServer`): another login could not
        // always open libfaketime's semaphore.
        try Shell.run(Self.runuser, ["-u", login, "--", "\(Self.binDirectory!)/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                                     "-h", socketDirectory, "-d", database, "-At"], input: sql, withoutFakeClock: true)
    }

    // MARK: Files

    static func makeDirectory(_ path: String, mode: mode_t) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, mode)
        if isRoot && serverUser != "root" && mode == 0o700 { try Shell.check("/bin/chown", [serverUser, path]) }
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
