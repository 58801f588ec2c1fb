import Attendance
import Foundation
import PostgresStore
import Testing

/// `rollcall database install` over a database an older Rollcall installed: version 5 is
/// brought to 6 in place (the functions a change goes through replaced, nothing else
/// touched); an older one is refused with what to do. And the replaced functions are
/// executable by staff only, as the rest are.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct SchemaUpgradeTests {
    /// What version 5 had where 6 differs: the role check as a SQL function over every role,
    /// and snapshots that refused a DELETE as well (so none was ever removed).
    static let version5: StaticString = #"""
    SET ROLE rollcall_owner;
    DROP TRIGGER snapshots_not_rewritten ON rollcall.snapshots;
    DROP TRIGGER snapshot_parts_not_rewritten ON rollcall.snapshot_parts;
    CREATE TRIGGER snapshots_append_only BEFORE UPDATE OR DELETE ON rollcall.snapshots
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER snapshot_parts_append_only BEFORE UPDATE OR DELETE ON rollcall.snapshot_parts
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE OR REPLACE FUNCTION rollcall.schema_version() RETURNS int LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $f$ SELECT 5 $f$;
    CREATE OR REPLACE FUNCTION rollcall.has_school_role(who name, school text, kinds text[]) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
        SELECT school IN (SELECT rollcall.schools_where(who, kinds))
    $f$;
    RESET ROLE;
    """#

    /// True when the function's body is one expression parsed when it was made (version 6's).
    func isInlined(_ db: PGConnection, _ function: String) throws -> Bool {
        try db.execute("SELECT prosqlbody IS NOT NULL FROM pg_proc WHERE oid = $1::regprocedure", [function]).scalar == "t"
    }

    @Test func aDatabaseAtVersion5IsUpgradedInPlaceAndKeepsItsRecords() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let owner = try db.owner()
        try owner.run(script: Self.version5)
        #expect(try PostgresStore.installedVersion(owner) == 5)
        #expect(try !isInlined(owner, "rollcall.has_school_role(name, text, text[])"))
        let rows = try owner.execute("SELECT count(*) FROM rollcall.journal").scalar

        let url = db.cluster.conninfo(user: TestCluster.superuser, database: SchoolDatabase.database)
        #expect(try PostgresStore.install(database: url, founders: []) == .upgraded(from: 5))
        #expect(try PostgresStore.installedVersion(owner) == Schema.version)
        #expect(try isInlined(owner, "rollcall.has_school_role(name, text, text[])"))
        #expect(try owner.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'rollcall.snapshots'::regclass AND NOT tgisinternal ORDER BY 1").rows
                == [["snapshots_no_truncate"], ["snapshots_not_rewritten"]])
        #expect(try owner.execute("SELECT count(*) FROM rollcall.journal").scalar == rows)
        #expect(try PostgresStore.install(database: url, founders: []) == .alreadyCurrent)

        // Staff still write, as before; the office still may not change the staff list.
        let office = try db.open(as: OSLogins.office)
        let session = Session(SchoolDate("2026-03-02")!, .am)
        try office.commit(Transaction([.mark(MarkChange(upn: "A1", session: session, mark: Mark(.presentAM)))]), by: SchoolDatabase.office)
        let promote = #"{"changes":[{"kind":"staff","staff":{"login":"\#(OSLogins.office)","name":"Olu","role":"head"}}]}"#
        let refused = try db.psql(as: OSLogins.office, "SELECT rollcall.append('\(SchoolDatabase.schoolID)', \(office.lastSeq), '\(promote)', '[]')")
        #expect(refused.status != 0 && refused.stderr.contains("only the head"), "\(refused.stderr)")
        #expect(try owner.execute("SELECT rollcall.first_broken_row($1)", [SchoolDatabase.schoolID]).scalar == nil)
        // The head's snapshots are kept to the newest three from now on.
        let head = try db.open(as: OSLogins.head)
        for day in 3...6 {
            try head.commit(Transaction([.mark(MarkChange(upn: "A1", session: Session(SchoolDate("2026-03-0\(day)")!, .am), mark: Mark(.presentAM)))]),
                            by: SchoolDatabase.head)
            try head.writeSnapshot()
        }
        #expect(try owner.execute("SELECT count(*) FROM rollcall.snapshots").scalar == "3")
    }

    @Test func anOlderVersionIsRefusedWithWhatToDo() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let owner = try db.owner()
        try owner.run(script: #"""
            SET ROLE rollcall_owner;
            CREATE OR REPLACE FUNCTION rollcall.schema_version() RETURNS int LANGUAGE sql IMMUTABLE
            SET search_path = pg_catalog, pg_temp AS $f$ SELECT 4 $f$;
            RESET ROLE;
            """#)
        let url = db.cluster.conninfo(user: TestCluster.superuser, database: SchoolDatabase.database)
        #expect {
            try PostgresStore.install(database: url, founders: [])
        } throws: { error in
            "\(error)".contains("version 4, which cannot be upgraded") && "\(error)".contains("store move")
        }
        #expect(try PostgresStore.installedVersion(owner) == 4)
    }

    /// Functions are executable by PUBLIC unless revoked; those `appendSQL` makes are revoked
    /// too: a login that is no school's staff (the trust lead's role) may execute none of them.
    @Test func theFunctionsAChangeGoesThroughAreForStaffOnly() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let owner = try db.owner()
        for function in ["rollcall.append(text, bigint, text, jsonb)", "rollcall.has_school_role(name, text, text[])",
                         "rollcall.row_text(text, bigint, timestamptz, name, text)"] {
            #expect(try owner.execute("SELECT has_function_privilege('rollcall_trust', $1, 'EXECUTE')", [function]).scalar == "f", "\(function)")
            #expect(try owner.execute("SELECT has_function_privilege('rollcall_staff', $1, 'EXECUTE')", [function]).scalar == "t", "\(function)")
        }
    }
}
