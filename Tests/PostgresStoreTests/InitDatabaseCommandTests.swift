import Attendance
import Foundation
import PostgresStore
import Testing

/// `rollcall init --database URL --school NAME`, run as the built binary would be.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct InitDatabaseCommandTests {
    /// The built `rollcall`, beside the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rollcall").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "rollcall"
    }()

    /// A cluster with the schema installed, the head's login allowed to create schools, and
    /// the office's login not.
    func database() throws -> TestCluster {
        let cluster = try TestCluster()
        do {
            try cluster.connect().execute("CREATE DATABASE \(SchoolDatabase.database)")
            let owner = try cluster.connect(database: SchoolDatabase.database)
            try PostgresStore.install(owner)
            for login in [OSLogins.head, OSLogins.office] { try owner.execute("CREATE ROLE \(try owner.quotedIdentifier(login)) LOGIN") }
            try owner.execute("GRANT rollcall_founder TO \(try owner.quotedIdentifier(OSLogins.head))")
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    /// rollcall as `login` (root acts as it through ROLLCALL_LOGIN; the database is reached
    /// as that login's role).
    func rollcall(as login: String, _ args: [String]) throws -> Shell.Result {
        try Shell.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "ROLLCALL_LOGIN=\(login)", Self.binary] + args)
    }

    @Test func theHeadCreatesASchoolInTheDatabase() throws {
        let cluster = try database()
        defer { cluster.stop() }
        let url = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let r = try rollcall(as: OSLogins.head, ["init", "--database", url, "--school", "Greenfield Primary", "--name", "Hana Head"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("as school greenfield_primary"))
        let store = try PostgresStore.open(database: url, school: "greenfield_primary")
        #expect(store.school.name == "Greenfield Primary")
        #expect(store.school.staff[OSLogins.head] == StaffMember(login: OSLogins.head, name: "Hana Head", role: .head, isDSL: true))
        #expect(store.school.casework.policy != nil)
        // The same id again is refused, and nothing changes.
        let again = try rollcall(as: OSLogins.head, ["init", "--database", url, "--school", "Greenfield Primary"])
        #expect(again.status != 0 && again.stderr.contains("already exists"), "\(again.stderr)")
    }

    @Test func aLoginTheOwnerHasNotAllowedCannotCreateASchool() throws {
        let cluster = try database()
        defer { cluster.stop() }
        let url = cluster.conninfo(user: OSLogins.office, database: SchoolDatabase.database)
        let r = try rollcall(as: OSLogins.office, ["init", "--database", url, "--school", "Mine"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("may not create schools"), "\(r.stderr)")
        #expect(try cluster.connect(database: SchoolDatabase.database).execute("SELECT count(*) FROM rollcall.schools").scalar == "0")
    }
}
