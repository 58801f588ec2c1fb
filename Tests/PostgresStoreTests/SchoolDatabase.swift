import Attendance
import Foundation
import PostgresStore

/// A throwaway cluster with Rollcall's schema and one school, Greenfield, set up as a school
/// would: the database's owner installs the schema and lets the head create the school; the
/// head puts the others on the staff list (which makes their database logins and grants
/// their group roles). Staff connect as their own logins.
final class SchoolDatabase {
    static let schoolID = "greenfield"
    static let database = "rollcall"
    static let head = StaffMember(login: OSLogins.head, name: "Hana Head", role: .head)
    static let office = StaffMember(login: OSLogins.office, name: "Olu Office", role: .office)
    static let dsl = StaffMember(login: OSLogins.dsl, name: "Dee Lead", role: .attendance, isDSL: true)
    static let attendance = StaffMember(login: OSLogins.attendance, name: "Fay Support", role: .attendance)
    /// Monday 2 March 2026, 09:00 UTC: never the real clock.
    static let morning = Date(timeIntervalSince1970: 1_772_442_000)

    let cluster: TestCluster

    init() throws {
        cluster = try TestCluster()
        do {
            try cluster.connect().execute("CREATE DATABASE \(Self.database)")
            let owner = try cluster.connect(database: Self.database)
            try PostgresStore.install(owner)
            let headRole = try owner.quotedIdentifier(OSLogins.head)
            try owner.execute("CREATE ROLE \(headRole) LOGIN")
            try owner.execute("GRANT rollcall_founder TO \(headRole)")
            let store = try PostgresStore.create(database: url(OSLogins.head), id: Self.schoolID, name: "Greenfield Primary",
                                                 head: Self.head, now: { Self.morning })
            try store.commit(Transaction([.staff(Self.office), .staff(Self.dsl), .staff(Self.attendance)]), by: Self.head)
            let pupil = Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                              yearGroup: YearGroup(3), registrationGroup: "3A")
            try store.commit(Transaction([.pupil(pupil)]), by: Self.head)
        } catch {
            cluster.stop()
            throw error
        }
    }

    func stop() { cluster.stop() }

    /// The conninfo for a login (in this process: as root, peer authentication maps root to
    /// the test logins; otherwise the private socket trusts the role named).
    func url(_ login: String) -> String { cluster.conninfo(user: login, database: Self.database) }

    func open(as login: String) throws -> PostgresStore {
        try PostgresStore.open(database: url(login), school: Self.schoolID, now: { Self.morning })
    }

    /// The database's owner (the cluster's superuser), to look behind row-level security.
    func owner() throws -> PGConnection { try cluster.connect(database: Self.database) }

    /// psql as the real OS login, authenticated by peer over the socket.
    func psql(as login: String, _ sql: String) throws -> Shell.Result {
        try cluster.psql(as: login, database: Self.database, sql)
    }
}
