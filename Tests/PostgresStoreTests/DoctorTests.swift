import Foundation
import PostgresStore
import Testing

/// `rollcall doctor` (issue 20, item 8): each step of the set-up that can be wrong is named,
/// with what to do, against a real server (or none).
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct DoctorTests {
    let commands = InitDatabaseCommandTests()

    func doctor(as login: String, _ url: String) throws -> Shell.Result {
        try commands.rollcall(as: login, ["doctor", "--database", url])
    }

    @Test func noServer() throws {
        let dir = TestCluster.temporaryDirectory + "rollcall-noserver-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try doctor(as: OSLogins.head, "host='\(dir)' dbname=rollcall user=\(OSLogins.head)")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Problem: no PostgreSQL server answers") && r.stderr.contains("apt-get install postgresql"), "\(r.stderr)")
    }

    @Test func eachStepOfTheSetUpThatCanBeWrong() throws {
        try OSLogins.ensure()
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let url = { (login: String, db: String) in cluster.conninfo(user: login, database: db) }
        let server = try cluster.connect()
        for login in [OSLogins.head, OSLogins.office] { try server.execute("CREATE ROLE \(try server.quotedIdentifier(login)) LOGIN") }
        // No database yet.
        var r = try doctor(as: OSLogins.head, url(OSLogins.head, "rollcall"))
        #expect(r.status == 1 && r.stderr.contains("there is no database rollcall") && r.stderr.contains("createdb"), "\(r.stderr)")
        try server.execute("CREATE DATABASE rollcall")
        // No role for this login.
        r = try doctor(as: OSLogins.attendance, url(OSLogins.attendance, "rollcall"))
        #expect(r.status == 1 && r.stderr.contains("the server has no login \(OSLogins.attendance)") && r.stderr.contains("staff add"), "\(r.stderr)")
        // Schema not installed.
        r = try doctor(as: OSLogins.head, url(OSLogins.head, "rollcall"))
        #expect(r.status == 1 && r.stdout.contains("OK: the server answers") && r.stderr.contains("rollcall database install"), "\(r.stdout)\(r.stderr)")
        let install = try commands.rollcall(as: TestCluster.superuser, ["database", "install", "--database", url(TestCluster.superuser, "rollcall"), "--founder", OSLogins.head])
        #expect(install.status == 0, "\(install.stderr)")
        // Not staff at any school: the founder is told to create one, anyone else to ask the head.
        r = try doctor(as: OSLogins.head, url(OSLogins.head, "rollcall"))
        #expect(r.status == 1 && r.stderr.contains("rollcall init --database"), "\(r.stderr)")
        r = try doctor(as: OSLogins.office, url(OSLogins.office, "rollcall"))
        #expect(r.status == 1 && r.stderr.contains("the head adds you"), "\(r.stderr)")
        // All well once the head has made the school.
        let made = try commands.rollcall(as: OSLogins.head, ["init", "--database", url(OSLogins.head, "rollcall"), "--school", "Greenfield"])
        #expect(made.status == 0, "\(made.stderr)")
        r = try doctor(as: OSLogins.head, url(OSLogins.head, "rollcall"))
        #expect(r.status == 0 && r.stdout.contains("is staff at greenfield (Greenfield)"), "\(r.stdout)\(r.stderr)")
        // Peer authentication off: the server asks for a password instead.
        try TestCluster.write("local all all scram-sha-256\n", to: "\(cluster.data)/pg_hba.conf")
        try TestCluster.asServer("pg_ctl", ["reload", "-D", cluster.data])
        Thread.sleep(forTimeInterval: 0.5)
        r = try doctor(as: OSLogins.head, url(OSLogins.head, "rollcall"))
        #expect(r.status == 1 && r.stderr.contains("peer authentication is off") && r.stderr.contains("pg_hba.conf"), "\(r.stderr)")
    }
}
