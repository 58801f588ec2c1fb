import Attendance
import Foundation
import PostgresStore
import Testing

/// An office login, as a real OS login with psql over the socket (peer authentication),
/// tries what issue 20 lists, and the database refuses every one.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct RoleAttackTests {
    let school = SchoolDatabase.schoolID

    /// A school with one sensitive note by the DSL.
    func schoolWithANote() throws -> SchoolDatabase {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        let dsl = try db.open(as: OSLogins.dsl)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET disclosure", sensitive: true)
        try dsl.commit(Transaction([.contact(note)]), by: SchoolDatabase.dsl)
        return db
    }

    func refused(_ r: Shell.Result, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status != 0, "psql succeeded: \(r.stdout)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(words), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func theOfficeCannotReadASensitiveNotesWords() throws {
        let db = try schoolWithANote()
        defer { db.stop() }
        // It is the office's own login, by peer authentication.
        #expect(try db.psql(as: OSLogins.office, "SELECT current_user").stdout == "\(OSLogins.office)\n")
        let r = try db.psql(as: OSLogins.office, "SELECT count(*) FROM rollcall.sensitive_words; SELECT words::text FROM rollcall.sensitive_words;")
        #expect(r.status == 0 && r.stdout == "0\n", "\(r.stdout)\(r.stderr)")
        #expect(try db.psql(as: OSLogins.dsl, "SELECT words::text FROM rollcall.sensitive_words").stdout.contains("Q-SECRET"))
        // Nor find the words anywhere it can read.
        let journal = try db.psql(as: OSLogins.office, "SELECT string_agg(body, '') FROM rollcall.journal")
        #expect(journal.status == 0 && journal.stdout.contains("heldApart") && !journal.stdout.contains("Q-SECRET"))
    }

    @Test func theOfficeCannotUpdateDeleteOrTruncateTheJournal() throws {
        let db = try schoolWithANote()
        defer { db.stop() }
        let before = try db.owner().execute("SELECT count(*), string_agg(encode(hash, 'hex'), ',' ORDER BY seq) FROM rollcall.journal").rows
        refused(try db.psql(as: OSLogins.office, "UPDATE rollcall.journal SET body = '{\"changes\":[]}' WHERE seq = 2"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "DELETE FROM rollcall.journal WHERE seq = 4"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "TRUNCATE rollcall.journal CASCADE"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "DELETE FROM rollcall.sensitive_words"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "UPDATE rollcall.schools SET last_seq = 0"), "permission denied")
        #expect(try db.owner().execute("SELECT count(*), string_agg(encode(hash, 'hex'), ',' ORDER BY seq) FROM rollcall.journal").rows == before)
    }

    @Test func theOfficeCannotWriteARowInSomeoneElsesName() throws {
        let db = try schoolWithANote()
        defer { db.stop() }
        refused(try db.psql(as: OSLogins.office, """
            INSERT INTO rollcall.journal (school, seq, at, author, body, prev_hash, hash)
            VALUES ('\(school)', 5, now(), '\(OSLogins.head)', '{"changes":[]}', '', '')
            """), "permission denied")
        refused(try db.psql(as: OSLogins.office, "SET ROLE \(OSLogins.head)"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "SET SESSION AUTHORIZATION \(OSLogins.head)"), "permission denied")
        // Through the function Rollcall calls, the author is the login, whatever the row says.
        let r = try db.psql(as: OSLogins.office, """
            SELECT rollcall.append('\(school)', 4, '{"changes":[],"reason":"signed \(OSLogins.head)"}', '[]')
            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try db.owner().execute("SELECT author FROM rollcall.journal WHERE seq = 5").scalar == OSLogins.office)
    }

    @Test func theOfficeCannotGrantItselfARole() throws {
        let db = try schoolWithANote()
        defer { db.stop() }
        for role in ["rc_\(school)_head", "rc_\(school)_dsl", "rollcall_owner", "rollcall_founder"] {
            refused(try db.psql(as: OSLogins.office, "GRANT \(role) TO \(OSLogins.office)"), "must have admin option on role")
        }
        refused(try db.psql(as: OSLogins.office, "ALTER ROLE \(OSLogins.office) SUPERUSER"), "must be superuser")
        refused(try db.psql(as: OSLogins.office, "ALTER ROLE \(OSLogins.office) CREATEROLE"), "permission denied")
        // Nor through the journal: a staff change is the head's alone, whatever the client checked.
        let makeMeHead = #"{"changes":[{"kind":"staff","staff":{"login":"\#(OSLogins.office)","name":"Olu","role":"head","isDSL":true}}]}"#
        refused(try db.psql(as: OSLogins.office, "SELECT rollcall.append('\(school)', 4, '\(makeMeHead)', '[]')"), "only the head")
        // Nor by calling what the functions call, or what only a founder may.
        refused(try db.psql(as: OSLogins.office, "SELECT rollcall.apply_staff('\(school)', '\(makeMeHead)')"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "SELECT rollcall.create_school('mine', 'Mine', '{\"changes\":[]}')"), "permission denied")
        let roles = try db.owner().execute("""
            SELECT string_agg(r.rolname, ',' ORDER BY r.rolname) FROM pg_auth_members m
            JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1
            """, [OSLogins.office]).scalar
        #expect(roles == "rc_\(school)_office")
    }
}
