import CLibpq
#if canImport(Glibc)
import Glibc
#endif

/// One connection to PostgreSQL through libpq's synchronous API. Statements go with their
/// values as parameters ($1, $2 …) and never as SQL text built from input: `execute` uses
/// PQexecParams, which also refuses more than one statement. Not thread-safe: one
/// connection belongs to one thread at a time, as libpq requires.
public final class PGConnection {
    private var conn: OpaquePointer?

    /// Connects with a conninfo string (`host=/tmp/x dbname=school`) or a URL
    /// (`postgresql:///school?host=/var/run/postgresql`); the PG* variables, peer
    /// authentication, TLS and .pgpass work as for every PostgreSQL tool.
    public init(_ conninfo: String) throws(PGError) {
        guard let c = PQconnectdb(conninfo) else { throw PGError(message: "libpq could not allocate a connection") }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = Self.text(PQerrorMessage(c))
            PQfinish(c)
            throw PGError(message: message.isEmpty ? "could not connect" : message)
        }
        conn = c
    }

    deinit { close() }

    /// Ends the connection (idempotent).
    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    private func live() throws(PGError) -> OpaquePointer {
        guard let conn else { throw PGError(message: "the connection is closed") }
        return conn
    }

    /// The role the server knows this connection as.
    public var user: String { conn.map { Self.text(PQuser($0)) } ?? "" }

    /// The connection's socket, to wait on with poll(2) for notifications; -1 when closed.
    public var socket: Int32 { conn.map { PQsocket($0) } ?? -1 }

    /// True while the server is in a transaction this connection opened.
    public var inTransaction: Bool {
        guard let conn else { return false }
        let s = PQtransactionStatus(conn)
        return s == PQTRANS_INTRANS || s == PQTRANS_INERROR
    }

    // MARK: Statements

    /// Runs one statement with its parameters and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PGParameter] = []) throws(PGError) -> PGResult {
        let conn = try live()
        let values = parameters.map { $0.pgText.map { strdup($0) } ?? nil }
        defer { for v in values { free(v) } }
        let result: OpaquePointer? = values.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            PQexecParams(conn, sql, Int32(buffer.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try Self.collect(result, conn)
    }

    /// Runs one statement as `execute` does, prepared on the server the first time this
    /// connection runs it (PQprepare) and executed by name after that (PQexecPrepared): for a
    /// statement run on every change, which the server then parses and plans once per
    /// connection instead of every time. The text is the statement's key, so it must be
    /// fixed SQL with its values as parameters, never text built from input.
    @discardableResult
    public func executePrepared(_ sql: StaticString, _ parameters: [any PGParameter] = []) throws(PGError) -> PGResult {
        let conn = try live()
        let text = sql.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        let name: String
        if let known = prepared[text] {
            name = known
        } else {
            name = "rollcall_\(prepared.count + 1)"
            // Prepared statements outlive a rolled-back transaction, so one made here stays good.
            _ = try Self.collect(PQprepare(conn, name, text, Int32(parameters.count), nil), conn)
            prepared[text] = name
        }
        let values = parameters.map { $0.pgText.map { strdup($0) } ?? nil }
        defer { for v in values { free(v) } }
        let result: OpaquePointer? = values.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            PQexecPrepared(conn, name, Int32(buffer.count), buffer.baseAddress, nil, nil, 0)
        }
        return try Self.collect(result, conn)
    }

    /// The statements this connection has prepared, by their text.
    private var prepared: [String: String] = [:]

    /// Runs a script of several statements, for fixed SQL text only (the schema): it takes no
    /// parameters, so nothing from input may ever be put into it.
    public func run(script: StaticString) throws(PGError) {
        let conn = try live()
        let sql = script.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        _ = try Self.collect(PQexec(conn, sql), conn)
    }

    /// Runs `body` in one SQL transaction: committed if it returns, rolled back if it throws
    /// (the error is thrown on, whatever the rollback says).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }

    private static func collect(_ result: OpaquePointer?, _ conn: OpaquePointer) throws(PGError) -> PGResult {
        guard let result else { throw PGError(message: text(PQerrorMessage(conn))) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            break
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            throw PGError(message: field("M") ?? text(PQresultErrorMessage(result)),
                          sqlState: field("C"), detail: field("D"), hint: field("H"))
        }
        let columnCount = PQnfields(result), rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { text(PQfname(result, $0)) }
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            rows.append((0..<columnCount).map { c in
                PQgetisnull(result, r, c) == 1 ? nil : text(PQgetvalue(result, r, c))
            })
        }
        return PGResult(columns: columns, rows: rows, affected: text(PQcmdTuples(result)))
    }

    private static func text(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p).trimmingTrailingNewlines
    }

    private static func text(_ p: UnsafeMutablePointer<CChar>?) -> String { text(UnsafePointer(p)) }

    // MARK: LISTEN / NOTIFY

    /// Starts listening on `channel` (quoted by libpq as an identifier, so any text is safe).
    public func listen(_ channel: String) throws(PGError) {
        try execute("LISTEN " + (try quotedIdentifier(channel)))
    }

    /// Sends a notification (through pg_notify, so channel and payload are parameters).
    public func notify(_ channel: String, payload: String = "") throws(PGError) {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Reads what has arrived on the socket and returns the notifications received, without
    /// waiting: call it when poll(2) says `socket` is readable (or at any time).
    public func notifications() throws(PGError) -> [PGNotification] {
        let conn = try live()
        guard PQconsumeInput(conn) == 1 else { throw PGError(message: Self.text(PQerrorMessage(conn))) }
        var out: [PGNotification] = []
        while let n = PQnotifies(conn) {
            out.append(PGNotification(channel: String(cString: n.pointee.relname),
                                      payload: String(cString: n.pointee.extra),
                                      senderPID: n.pointee.be_pid))
            PQfreemem(n)
        }
        return out
    }

    /// Waits up to `milliseconds` for the socket to become readable, then returns what arrived.
    public func waitForNotifications(milliseconds: Int32) throws(PGError) -> [PGNotification] {
        let ready = try notifications()
        if !ready.isEmpty { return ready }
        var pfd = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        _ = poll(&pfd, 1, milliseconds)
        return try notifications()
    }

    /// An identifier quoted by libpq for this connection's encoding.
    public func quotedIdentifier(_ name: String) throws(PGError) -> String {
        let conn = try live()
        guard let q = PQescapeIdentifier(conn, name, name.utf8.count) else { throw PGError(message: Self.text(PQerrorMessage(conn))) }
        defer { PQfreemem(q) }
        return String(cString: q)
    }
}

/// A NOTIFY received on a channel this connection listens to.
public struct PGNotification: Equatable, Sendable {
    public var channel: String
    public var payload: String
    public var senderPID: Int32
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
