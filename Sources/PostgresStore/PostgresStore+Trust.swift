import Attendance
import Foundation

/// A school's figures as the trust sees them (see `Schema.trustSQL`).
public struct PublishedFigures: Equatable, Sendable {
    public var school: String
    public var name: String
    /// Nil when the school has published nothing for the date asked.
    public var asOf: SchoolDate?
    public var seq: Int?
    public var publishedAt: String?
    public var publishedBy: String?
    /// The figures as published (JSON text).
    public var figures: String?
}

extension PostgresStore {
    /// Publishes the school's figures as of `date`, worked out from this process's version of
    /// the school (`lastSeq`), for the trust's view. `figures` is JSON with no pupil in it.
    public func publishFigures(asOf date: SchoolDate, figures: String) throws {
        try db.execute("SELECT rollcall.publish_figures($1, $2::date, $3, $4::jsonb)", [schoolID, date.description, lastSeq, figures])
    }

    /// Every school's figures as of `date` (or the latest each has published on or before
    /// it), as a member of `rollcall_trust` reads them: one row per school, figures or not.
    public static func trustFigures(database: String, asOf date: SchoolDate) throws -> [PublishedFigures] {
        let db = try PGConnection(database)
        defer { db.close() }
        let rows = try db.execute("""
            SELECT DISTINCT ON (school) school, name,
                   CASE WHEN as_of <= $1::date THEN as_of::text END,
                   CASE WHEN as_of <= $1::date THEN seq::text END,
                   CASE WHEN as_of <= $1::date THEN to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END,
                   CASE WHEN as_of <= $1::date THEN published_by::text END,
                   CASE WHEN as_of <= $1::date THEN figures::text END
            FROM rollcall.trust_figures
            ORDER BY school, (as_of <= $1::date) DESC NULLS LAST, as_of DESC NULLS LAST
            """, [date.description])
        return rows.rows.compactMap { r in
            guard let school = r[0], let name = r[1] else { return nil }
            return PublishedFigures(school: school, name: name, asOf: r[2].flatMap { SchoolDate($0) }, seq: r[3].flatMap { Int($0) },
                                    publishedAt: r[4], publishedBy: r[5], figures: r[6])
        }
    }

    /// Whether this login is a member of `rollcall_trust` (the trust's figures for every
    /// school), and the schools it is staff at: what the app opens on.
    public static func trustStanding(database: String) throws -> (login: String, isTrustLead: Bool, staffAt: [(id: String, name: String)]) {
        let db = try PGConnection(database)
        defer { db.close() }
        let standing = try db.execute("""
            SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollcall_trust' AND pg_has_role(current_user, oid, 'MEMBER')),
                   has_table_privilege('rollcall.schools', 'SELECT')
            """)
        let lead = standing.rows.first?[0] == "t"
        // A login with only the trust role has no grant on the schools' own tables: staff nowhere.
        guard standing.rows.first?[1] == "t" else { return (db.user, lead, []) }
        return (db.user, lead, try schools(on: db))
    }
}
