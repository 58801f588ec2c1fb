import Attendance
import Foundation
import PostgresStore
import Testing

/// Backups of a school in a database (issue 20, item 7): the owner's routine that
/// `rollcall backup` prints, restored into a fresh cluster, gives the same exports; and the
/// head's copy of one school as a store directory.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct DatabaseBackupTests {
    let commands = InitDatabaseCommandTests()

    func exports(_ url: String) throws -> [String] {
        try ["pupils", "marks", "casework"].map { what in
            let r = try commands.rollcall(as: OSLogins.head, ["export", what, "--database", url, "--school", SchoolDatabase.schoolID])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
    }

    @Test func theOwnersRoutineRestoresIntoAFreshClusterWithIdenticalExports() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        let dsl = try db.open(as: OSLogins.dsl)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET disclosure", sensitive: true)
        try dsl.commit(Transaction([.contact(note)]), by: SchoolDatabase.dsl)
        let office = try db.open(as: OSLogins.office)
        try office.commit(Transaction([.mark(MarkChange(upn: "A1", session: Session(SchoolDate("2026-03-02")!, .am), mark: Mark(.presentAM)))]),
                          by: SchoolDatabase.office)

        let url = db.url(OSLogins.head)
        let said = try commands.rollcall(as: OSLogins.head, ["backup", "--database", url])
        #expect(said.status == 0 && said.stdout.contains("pg_dumpall --roles-only") && said.stdout.contains("pg_dump --format=custom rollcall"),
                "\(said.stdout)\(said.stderr)")

        // The routine, as the server's OS user (Debian's postgres).
        let dir = TestCluster.temporaryDirectory + "rollcall-dump-" + UUID().uuidString.prefix(8)
        try TestCluster.makeDirectory(dir, mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = db.cluster.socketDirectory
        try TestCluster.asServer("pg_dumpall", ["-h", socket, "--roles-only", "-f", "\(dir)/roles.sql"])
        try TestCluster.asServer("pg_dump", ["-h", socket, "--format=custom", "-f", "\(dir)/rollcall.dump", SchoolDatabase.database])

        let fresh = try TestCluster()
        defer { fresh.stop() }
        try TestCluster.asServer("psql", ["-X", "-q", "-h", fresh.socketDirectory, "-d", "postgres", "-f", "\(dir)/roles.sql"])
        try TestCluster.asServer("createdb", ["-h", fresh.socketDirectory, SchoolDatabase.database])
        try TestCluster.asServer("pg_restore", ["-h", fresh.socketDirectory, "--dbname=\(SchoolDatabase.database)", "\(dir)/rollcall.dump"])

        let restored = fresh.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let before = try exports(url), after = try exports(restored)
        #expect(after == before)
        #expect(after[2].contains("Q-SECRET disclosure") && after[1].contains("A1,2026-03-02,AM,/"))
        let check = try commands.rollcall(as: OSLogins.head, ["check", "--database", restored, "--school", SchoolDatabase.schoolID])
        #expect(check.status == 0 && check.stdout.contains("the hash chain unbroken"), "\(check.stdout)\(check.stderr)")
        // The roles came back too: the office still cannot read the words.
        let asOffice = try PostgresStore.open(database: fresh.conninfo(user: OSLogins.office, database: SchoolDatabase.database), school: SchoolDatabase.schoolID)
        #expect(asOffice.school.casework.contacts["A1"]?.contains { $0.text.contains("Q-SECRET") } == false)

        // The head's own copy of the school, as a store directory, checked against the database.
        let copy = try commands.rollcall(as: OSLogins.head, ["backup", "--database", url, "--to", "\(dir)/copy"])
        #expect(copy.status == 0 && copy.stdout.contains("Also copied school greenfield"), "\(copy.stdout)\(copy.stderr)")
        let fromCopy = try ["pupils", "marks", "casework"].map { try commands.rollcall(as: OSLogins.head, ["export", $0, "--store", "\(dir)/copy"]).stdout }
        #expect(fromCopy == before)
    }
}
