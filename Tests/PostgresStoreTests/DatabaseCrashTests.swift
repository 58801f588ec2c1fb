import Attendance
import Foundation
import PostgresStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Crashes while staff write (issue 20, "Crash tests"): a client killed with SIGKILL part way
/// through a commit, and the server stopped with `pg_ctl stop -m immediate` (no checkpoint,
/// recovery from the WAL at the next start) under three writers. Every change a client
/// acknowledged (exit 0) is there afterwards, and every row is whole: the chain is sound
/// and each row is one mark. (The test cluster runs with fsync off: it stands for a server
/// process that dies, not a machine that loses power.)
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct DatabaseCrashTests {
    static let today = "2026-03-02"

    /// The n-th session from 1 September 2025 (no calendar, so every day has two).
    static func session(_ n: Int) -> Session {
        Session(SchoolDate("2025-09-01")!.adding(days: n / 2), n % 2 == 0 ? .am : .pm)
    }

    static func markArguments(_ n: Int, url: String) -> [String] {
        let s = session(n)
        return ["mark", "A1", s.date.description, s.half == .am ? "AM" : "PM", s.half == .am ? "/" : "\\",
                "--database", url, "--school", SchoolDatabase.schoolID, "--today", today]
    }

    static func environment(_ login: String) -> [String] {
        ["PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "ROLLCALL_LOGIN=\(login)"]
    }

    /// What a store sees once everything is over: the marked sessions, and whether the rows are sound.
    func afterwards(_ db: SchoolDatabase, attempted: Int) throws -> Set<Int> {
        let store = try db.open(as: OSLogins.head)
        #expect(try store.checkProblems().isEmpty)
        let rows = try db.owner().execute("SELECT body FROM rollcall.journal WHERE seq > 3 ORDER BY seq").rows
        for r in rows { #expect(r[0]?.components(separatedBy: "\"kind\":\"mark\"").count == 2, "a row that is not one mark: \(r[0] ?? "")") }
        let marked = Set((0..<attempted).filter { store.school.register.mark(for: "A1", at: Self.session($0)) != nil })
        #expect(marked.count == rows.count, "\(rows.count) rows for \(marked.count) marked sessions")
        return marked
    }

    @Test func aClientKilledMidCommitLosesNothingItAcknowledgedAndLeavesNothingHalfDone() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        let url = db.url(OSLogins.office)
        // How long one `rollcall mark` takes here, so that the kills land all through it.
        let started = Date()
        let first = try Spawned(InitDatabaseCommandTests.binary, Self.markArguments(0, url: url), environment: Self.environment(OSLogins.office))
        #expect(first.wait() == 0, "\(first.stderr)")
        let took = Date().timeIntervalSince(started)
        var acknowledged: Set<Int> = [0]
        var killed = 0
        let attempts = 20
        for n in 1..<attempts {
            let client = try Spawned(InitDatabaseCommandTests.binary, Self.markArguments(n, url: url), environment: Self.environment(OSLogins.office))
            // Every tenth runs to the end (a busy machine can make every other kill land before
            // the commit); the rest are killed all through a mark's run.
            if n % 10 != 9 {
                usleep(useconds_t(took * 1.2 * Double(n % 10) / 9 * 1_000_000))
                client.kill9()
            }
            let status = client.wait()
            if status == 0 { acknowledged.insert(n) } else if status == 128 + SIGKILL { killed += 1 } else {
                Issue.record("mark \(n) failed without being killed (\(status)): \(client.stderr)")
            }
        }
        #expect(killed > 0 && acknowledged.count > 1, "\(killed) killed, \(acknowledged.count) acknowledged: the kills did not land in commits")
        let marked = try afterwards(db, attempted: attempts)
        #expect(acknowledged.isSubset(of: marked), "lost: \(acknowledged.subtracting(marked).sorted())")
    }

    @Test func anImmediateStopUnderThreeWritersKeepsEveryAcknowledgedChange() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        // Three writers, each its own login and sessions (all in 2025-26, before today), each
        // saying which marks were recorded.
        let writers = [(OSLogins.office, 0), (OSLogins.attendance, 120), (OSLogins.head, 240)].map { login, from in
            let marks = (from..<(from + 120)).map { n in
                "\(InitDatabaseCommandTests.binary) " + Self.markArguments(n, url: db.url(login)).map { "'\($0)'" }.joined(separator: " ")
                    + " >/dev/null && echo \(n) || exit 0"
            }
            return (marks.joined(separator: "\n"), login)
        }
        let clients = try writers.map { script, login in try Spawned("/bin/sh", ["-c", script], environment: Self.environment(login)) }
        // Let each writer get some marks in, then stop the server as a crash would.
        let deadline = Date().addingTimeInterval(60)  // a loaded machine starts the debug binary slowly
        while clients.map({ $0.stdout.split(separator: "\n").count }).min()! < 3 && Date() < deadline { usleep(50_000) }
        try db.cluster.stopServer(mode: "immediate")
        for c in clients { c.wait() }
        try db.cluster.start()

        let acknowledged = Set(clients.flatMap { $0.stdout.split(separator: "\n").compactMap { Int($0) } })
        #expect(clients.allSatisfy { !$0.stdout.isEmpty }, "a writer recorded nothing before the stop: \(clients.map(\.stderr))")
        let marked = try afterwards(db, attempted: 360)
        #expect(acknowledged.isSubset(of: marked), "lost: \(acknowledged.subtracting(marked).sorted())")
    }
}
