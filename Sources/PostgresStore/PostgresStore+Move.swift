import Attendance
import AttendanceStore
import Foundation

/// `rollcall store move`: a school's whole audit trail copied between a file store and the
/// database, each row in its own author's name and time (see Schema.moveSQL for who may).
extension PostgresStore {
    /// Makes school `id` from `rows`, in one SQL transaction: all of it, or nothing. The
    /// connected login must be a member of `rollcall_founder`; `from` is recorded in
    /// `rollcall.moves` with who moved it. Returns the number of journal rows written.
    package static func moveIn(database url: String, id: String, name: String, from: String, rows: [MovedRow]) throws -> Int {
        let db = try PGConnection(url)
        defer { db.close() }
        // The staff list's REVOKEs of roles never granted say so, once per login and role: noise here.
        try db.execute("SET client_min_messages = error")
        do {
            return try db.transaction {
                try db.execute("SELECT rollcall.begin_move($1, $2, $3)", [id, name, from])
                for row in rows {
                    let words = "[" + row.words.map {
                        "{\"id\":\(jsonString($0.id)),\"upn\":\(jsonString($0.upn)),\"author\":\(jsonString($0.author)),\"words\":\($0.json)}"
                    }.joined(separator: ",") + "]"
                    try db.execute("SELECT rollcall.move_row($1, $2, $3, $4, $5)",
                                   [id, row.at, row.author, try TransactionJSON.encode(row.sealed, schoolTime: row.schoolTime), words])
                }
                return Int(try db.execute("SELECT rollcall.end_move($1)", [id]).scalar ?? "") ?? 0
            }
        } catch var error as PGError where error.isPermissionDenied {
            error.message = "\(db.user) may not move a school into this database (\(error.message)); its owner grants that with GRANT rollcall_founder TO \(db.user)"
            throw error
        }
    }

    /// The login a connection string connects as (what the server will record as the mover).
    public static func login(database url: String) throws -> String {
        let db = try PGConnection(url)
        defer { db.close() }
        return db.user
    }

    /// Every journal row of the school, oldest first, with its sensitive words (this login
    /// must be able to read them all: the head or the DSL), and each author's name and role
    /// as the staff list had them then.
    package func rowsForMove() throws -> [MovedRow] {
        let result = try db.execute("""
            SELECT seq, author, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), body
            FROM rollcall.journal WHERE school = $1 ORDER BY seq
            """, [schoolID])
        let words = try readableWords(after: 0)
        var replay = School(name: school.name)
        var rows: [MovedRow] = []
        var missing: [String] = []
        for r in result.rows {
            guard let seq = r[0], let author = r[1], let at = r[2], let body = r[3] else { continue }
            let read: (transaction: Transaction, schoolTime: String?)
            do { read = try TransactionJSON.decodeWithMoment(body) } catch {
                throw PGError(message: "school \(schoolID): journal row \(seq) cannot be read (\(error)); nothing was moved")
            }
            let filled = TransactionJSON.filling(read.transaction, words: { words[$0] })
            let (sealed, kept) = MoveSealing.seal(filled, stored: { words[$0] }, missing: &missing)
            let before = replay.staff[author]
            replay.apply(filled)
            let member = before ?? replay.staff[author]
            rows.append(MovedRow(at: at, author: author, name: member?.name ?? author, role: member?.role.rawValue ?? "",
                                 schoolTime: read.schoolTime, sealed: sealed, words: kept))
        }
        if !missing.isEmpty { throw MoveSealing.MissingWords(ids: missing) }
        return rows
    }
}
