import Attendance
import Foundation
import PostgresStore
import Testing

/// A trust lead reads every school's published figures through one view, and nothing that
/// names a pupil: tried with psql as the real OS login, as issue 23 asks.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct TrustFiguresTests {
    func database() throws -> SchoolDatabase {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        let owner = try db.owner()
        try owner.execute("CREATE ROLE \(try owner.quotedIdentifier(OSLogins.trust)) LOGIN")
        try owner.execute("GRANT rollcall_trust TO \(try owner.quotedIdentifier(OSLogins.trust))")
        return db
    }

    @Test func aTrustLeadReadsFiguresAndNoPupil() throws {
        let db = try database()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office)
        try office.publishFigures(asOf: SchoolDate("2026-03-02")!, figures: #"{"attendance_percent": 95.5, "pupils": 1}"#)

        let figures = try db.psql(as: OSLogins.trust, "SELECT school || ' ' || name || ' ' || figures::text FROM rollcall.trust_figures")
        #expect(figures.status == 0, "\(figures.stderr)")
        #expect(figures.stdout.contains("greenfield Greenfield Primary") && figures.stdout.contains("95.5"), "\(figures.stdout)")
        // The pupil Ann Smith is in the journal, which the trust lead may not read at all.
        for table in ["journal", "sensitive_words", "school_figures", "schools"] {
            let r = try db.psql(as: OSLogins.trust, "SELECT * FROM rollcall.\(table)")
            #expect(r.status != 0 && r.stderr.contains("permission denied"), "\(table): \(r.stdout)\(r.stderr)")
        }
        let all = try db.psql(as: OSLogins.trust, "SELECT row_to_json(t)::text FROM rollcall.trust_figures t")
        #expect(!all.stdout.contains("Smith") && !all.stdout.contains("A1"), "\(all.stdout)")
        // Nor may it publish, or write anything.
        let publish = try db.psql(as: OSLogins.trust, "SELECT rollcall.publish_figures('greenfield', '2026-03-03', 1, '{}')")
        #expect(publish.status != 0, "\(publish.stdout)")

        // Read as the command will: one row per school, the figures as of the date asked.
        let rows = try PostgresStore.trustFigures(database: db.url(OSLogins.trust), asOf: SchoolDate("2026-03-05")!)
        #expect(rows.count == 1 && rows[0].asOf == SchoolDate("2026-03-02")! && rows[0].figures?.contains("95.5") == true)
        let before = try PostgresStore.trustFigures(database: db.url(OSLogins.trust), asOf: SchoolDate("2026-03-01")!)
        #expect(before.count == 1 && before[0].figures == nil)
    }

    @Test func figuresThatNamePupilsOrAVersionNotReachedAreRefused() throws {
        let db = try database()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office)
        #expect(throws: PGError.self) {
            try office.publishFigures(asOf: SchoolDate("2026-03-02")!, figures: #"{"worst": [{"upn": "A1", "surname": "Smith"}]}"#)
        }
        let forged = try db.psql(as: OSLogins.office, "SELECT rollcall.publish_figures('greenfield', '2026-03-02', 99, '{}')")
        #expect(forged.status != 0 && forged.stderr.contains("has not reached"), "\(forged.stderr)")
        #expect(try db.owner().execute("SELECT count(*) FROM rollcall.school_figures").scalar == "0")
    }
}
