import Attendance
import Foundation
import PostgresStore
import Testing

/// `rollcall trust --database URL` (issue 23): a school's staff publish its figures, and a
/// trust lead who is staff nowhere reads every school's row, equal to what `stats --by
/// school` says for that school, and cannot read a pupil by any command.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct TrustDatabaseCommandTests {
    let commands = InitDatabaseCommandTests()
    static let date = "2026-03-02"
    static let clock = ["--today", date, "--now", "16:00"]

    func json(as login: String, _ args: [String]) throws -> Any {
        let r = try commands.rollcall(as: login, args)
        try #require(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    /// The database `init --database` tests use, with a trust lead's login granted `rollcall_trust`.
    func databaseWithATrustLead() throws -> TestCluster {
        try OSLogins.ensure()
        let cluster = try commands.database()
        do {
            let owner = try cluster.connect(database: SchoolDatabase.database)
            let trust = try owner.quotedIdentifier(OSLogins.trust)
            try owner.execute("CREATE ROLE \(trust) LOGIN")
            try owner.execute("GRANT rollcall_trust TO \(trust)")
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    @Test func aTrustLeadReadsEachSchoolsPublishedRowAndNoPupil() throws {
        let cluster = try databaseWithATrustLead()
        defer { cluster.stop() }
        let tmp = TestCluster.temporaryDirectory + "rollcall-trustdb-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }

        // Two generated schools moved into the database by their head.
        let head = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        for (name, id) in [("Greenfield Primary", "greenfield"), ("Hillside Academy", "hillside")] {
            let dir = "\(tmp)/\(id)"
            let demo = try commands.rollcall(as: OSLogins.head, ["demo", "--store", dir, "--pupils", "30", "--years", "1",
                                                                 "--as-of", Self.date, "--name", name])
            try #require(demo.status == 0, "\(demo.stderr)")
            let move = try commands.rollcall(as: OSLogins.head, ["store", "move", "--from", dir, "--to", head, "--school", id])
            try #require(move.status == 0, "\(move.stderr)")
        }
        // Greenfield publishes; Hillside has not yet.
        let published = try commands.rollcall(as: OSLogins.head, ["trust", "publish", "--database", head, "--school", "greenfield",
                                                                  "--as-of", Self.date] + Self.clock)
        #expect(published.status == 0, "\(published.stderr)")

        let url = cluster.conninfo(user: OSLogins.trust, database: SchoolDatabase.database)
        let o = try #require(try json(as: OSLogins.trust, ["trust", "--database", url, "--as-of", Self.date, "--format", "json"] + Self.clock)
                             as? [String: Any])
        let schools = try #require(o["schools"] as? [[String: Any]])
        #expect(schools.count == 1)
        let notRead = try #require(o["not_read"] as? [[String: Any]])
        #expect(notRead.count == 1 && (notRead.first?["reason"] as? String ?? "").contains("no figures published"), "\(notRead)")
        let row = try #require(schools.first)
        #expect(row["store"] as? String == "greenfield")
        let stats = try #require(try json(as: OSLogins.head, ["stats", "--by", "school", "--format", "json", "--as-of", Self.date,
                                                             "--database", head, "--school", "greenfield"] + Self.clock) as? [[String: Any]])
        let whole = try #require(stats.first { $0["cohort"] as? String == "Whole school" })
        for key in ["pupils", "possible_sessions", "attended_sessions", "authorised_absence_sessions", "unauthorised_absence_sessions",
                    "persistent_absentees", "severe_absentees"] {
            #expect(row[key] as? Int == whole[key] as? Int, "\(key): \(row[key] ?? "nil") vs \(whole[key] ?? "nil")")
        }
        for key in ["attendance_percent", "persistent_absence_percent", "severe_absence_percent"] {
            #expect(row[key] as? Double == whole[key] as? Double, "\(key)")
        }
        // The total is the sums (one school here, so the school itself).
        let total = try #require(o["total"] as? [String: Any])
        #expect(total["possible_sessions"] as? Int == row["possible_sessions"] as? Int)

        // No command shows the trust lead a pupil: it is staff at no school.
        for args in [["today"], ["calls"], ["stats", "--pupil", "A1"], ["export", "pupils"]] {
            let r = try commands.rollcall(as: OSLogins.trust, args + ["--database", url] + Self.clock)
            #expect(r.status != 0, "\(args): \(r.stdout)")
        }
        // Nor does anything it can run print a pupil's name from the school's roll.
        let school = try PostgresStore.open(database: head, school: "greenfield")
        let surname = try #require(school.school.roll.first?.legalSurname)
        let table = try commands.rollcall(as: OSLogins.trust, ["trust", "--database", url, "--as-of", Self.date] + Self.clock)
        #expect(table.status == 0 && !table.stdout.contains(surname), "\(table.stdout)")
    }

    @Test func aDemoTrustInTheDatabaseIsReadByTheTrustLead() throws {
        let cluster = try databaseWithATrustLead()
        defer { cluster.stop() }
        let head = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let demo = try commands.rollcall(as: OSLogins.head, ["demo", "--trust", "3", "--database", head, "--seed", "5", "--years", "1",
                                                             "--as-of", Self.date] + Self.clock)
        #expect(demo.status == 0, "\(demo.stderr)")
        let url = cluster.conninfo(user: OSLogins.trust, database: SchoolDatabase.database)
        let o = try #require(try json(as: OSLogins.trust, ["trust", "--database", url, "--as-of", Self.date, "--format", "json"] + Self.clock)
                             as? [String: Any])
        let schools = try #require(o["schools"] as? [[String: Any]])
        #expect(schools.count == 3, "\(o)")
        #expect(schools.allSatisfy { ($0["pupils"] as? Int ?? 0) > 0 })
        // The same seed makes the same trust: its first school matches the one made as stores.
        let tmp = TestCluster.temporaryDirectory + "rollcall-trustdemo-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let stores = try commands.rollcall(as: OSLogins.head, ["demo", "--trust", "3", "--stores", tmp, "--seed", "5", "--years", "1",
                                                               "--as-of", Self.date] + Self.clock)
        #expect(stores.status == 0, "\(stores.stderr)")
        let fromStores = try #require(try json(as: OSLogins.head, ["trust", "--stores", "\(tmp)/school-1", "\(tmp)/school-2", "\(tmp)/school-3",
                                                                  "--as-of", Self.date, "--format", "json", "--sort", "name"] + Self.clock) as? [String: Any])
        let fromDatabase = try #require(try json(as: OSLogins.trust, ["trust", "--database", url, "--as-of", Self.date, "--format", "json",
                                                                    "--sort", "name"] + Self.clock) as? [String: Any])
        let a = try #require(fromStores["total"] as? [String: Any]), b = try #require(fromDatabase["total"] as? [String: Any])
        for key in ["pupils", "possible_sessions", "attended_sessions", "persistent_absentees", "severe_absentees", "open_cases", "la_duties_owed"] {
            #expect(a[key] as? Int == b[key] as? Int, "\(key)")
        }
    }
}
