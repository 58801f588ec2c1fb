import Foundation
import PostgresStore
import Testing

/// The libpq wrapper against a real server: parameters, errors with SQLSTATE, transactions,
/// LISTEN/NOTIFY through the socket.
@Suite(.enabled(if: TestCluster.isInstalled, "\(TestCluster.skipReason)"))
struct LibpqTests {
    @Test func parametersAreValuesNeverSQL() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let db = try cluster.connect()
        try db.execute("CREATE TABLE t (name text, n int)")
        let hostile = "x'); DROP TABLE t; --"
        try db.execute("INSERT INTO t VALUES ($1, $2)", [hostile, 7])
        let r = try db.execute("SELECT name, n FROM t WHERE n = $1", [7])
        #expect(r.rows == [[hostile, "7"]])
        // Two statements in one call are refused, so a parameterised call cannot smuggle a second.
        #expect(throws: PGError.self) { try db.execute("SELECT 1; SELECT 2") }
        #expect(try db.execute("SELECT $1::text IS NULL AS isnull", [PGNull()]).value(0, "isnull") == "t")
    }

    /// A statement run on every change is prepared once per connection and run by name: the
    /// same rows as `execute`, its values still parameters, and still good after the
    /// transaction that prepared it rolled back.
    @Test func aPreparedStatementIsPreparedOnceAndRunByName() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let db = try cluster.connect()
        try db.execute("CREATE TABLE t (name text, n int)")
        #expect(throws: PGError.self) {
            try db.transaction {
                try db.executePrepared("INSERT INTO t VALUES ($1, $2)", ["rolled back", 0])
                try db.execute("SELECT * FROM no_such_table")
            }
        }
        let hostile = "x'); DROP TABLE t; --"
        for n in 1...3 { try db.executePrepared("INSERT INTO t VALUES ($1, $2)", [hostile, n]) }
        #expect(try db.execute("SELECT count(*) FROM pg_prepared_statements").scalar == "1")
        #expect(try db.execute("SELECT name, n FROM t ORDER BY n").rows == [[hostile, "1"], [hostile, "2"], [hostile, "3"]])
        // A statement the server cannot prepare is an error, and is not remembered as prepared.
        #expect(throws: PGError.self) { try db.executePrepared("SELECT * FROM no_such_table") }
        try db.execute("CREATE TABLE no_such_table (n int)")
        #expect(try db.executePrepared("SELECT * FROM no_such_table").count == 0)
    }

    @Test func errorsCarryTheServersMessageAndSQLState() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let db = try cluster.connect()
        do {
            try db.execute("SELECT * FROM no_such_table")
            Issue.record("selecting from a missing table succeeded")
        } catch {
            #expect(error.sqlState == "42P01")
            #expect(error.message.contains("no_such_table"))
        }
        #expect(throws: PGError.self) { try PGConnection(cluster.conninfo(database: "no_such_database")) }
    }

    @Test func aTransactionCommitsOrRollsBackWhole() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let db = try cluster.connect()
        try db.execute("CREATE TABLE t (n int PRIMARY KEY)")
        _ = try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(throws: PGError.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                try db.execute("INSERT INTO t VALUES (1)")  // duplicate: the whole transaction goes
            }
        }
        #expect(!db.inTransaction)
        #expect(try db.execute("SELECT n FROM t ORDER BY n").rows == [["1"]])
    }

    @Test func aNotificationArrivesOnTheSocket() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let listener = try cluster.connect(), sender = try cluster.connect()
        try listener.listen("school changed")
        #expect(listener.socket >= 0)
        #expect(try listener.notifications().isEmpty)
        try sender.notify("school changed", payload: "42")
        let got = try listener.waitForNotifications(milliseconds: 2000)
        #expect(got.map(\.channel) == ["school changed"])
        #expect(got.map(\.payload) == ["42"])
    }

    @Test func byteaRoundTrips() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let db = try cluster.connect()
        let bytes = PGBytes([0, 1, 0xab, 0xff])
        let back = try db.execute("SELECT $1::bytea AS b", [bytes]).value(0, "b")
        #expect(back.flatMap(PGBytes.init(pgText:)) == bytes)
        let hash = try db.execute("SELECT sha256(convert_to($1, 'UTF8')) AS h", ["abc"]).value(0, "h")
        #expect(hash == "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
