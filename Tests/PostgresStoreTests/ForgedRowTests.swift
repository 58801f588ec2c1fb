import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import Testing

/// The database sets a row's author, but the body is the client's: an office login calling
/// `rollcall.append` from psql can write an entry that names someone else as its author.
/// Rollcall never writes such a row, so on reading one it says so and leaves it out.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct ForgedRowTests {
    @Test func aRowWhoseBodyNamesAnotherAuthorIsLeftOutWithAWarningAndCheckReportsIt() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        let dsl = SchoolDatabase.dsl
        // A note "by the DSL", written by the office straight through the function.
        var note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-FORGED mum admitted it")
        note.id = "c4-1"
        note.by = dsl.login
        note.byName = dsl.name
        let body = try TransactionJSON.encode(Transaction([.contact(note)]))
        let r = try db.psql(as: OSLogins.office, "SELECT rollcall.append('\(SchoolDatabase.schoolID)', 3, $$\(body)$$, '[]')")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try db.owner().execute("SELECT author FROM rollcall.journal WHERE seq = 4").scalar == OSLogins.office)

        let head = try db.open(as: OSLogins.head)
        #expect(head.lastSeq == 4)
        #expect(head.school.casework.contacts["A1"] == nil, "the forged note was applied")
        #expect(head.warnings.contains { $0.contains("journal row 4") && $0.contains(OSLogins.office) && $0.contains("names \(dsl.login)") },
                "\(head.warnings)")
        let problems = try head.checkProblems()
        #expect(problems.contains { $0.contains("journal row 4") && $0.contains("written outside Rollcall") }, "\(problems)")
        #expect(head.auditTrail().problems.contains { $0.line == 4 })
        // A genuine note by the office after it is read as ever.
        let office = try db.open(as: OSLogins.office)
        try office.commit(Transaction([.contact(ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "rang mum"))]),
                          by: SchoolDatabase.office)
        #expect(try head.refresh())
        #expect(head.school.casework.contacts["A1"]?.map(\.text) == ["rang mum"])
    }

    /// A row in the office's own name that the rules would have refused the office (a
    /// meeting: recording meetings and plans is the attendance team's and the head's).
    @Test func aRowTheRulesRefuseItsAuthorIsLeftOutWithAWarningAndCheckReportsIt() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        var meeting = Meeting(upn: "A1", on: SchoolDate("2026-03-02")!, attendees: ["mum"], goingWell: "Q-FORGED plan", concerns: "",
                              agreedActions: ["none"])
        meeting.id = "m4-1"
        meeting.by = OSLogins.office
        let body = try TransactionJSON.encode(Transaction([.meeting(meeting)]))
        let r = try db.psql(as: OSLogins.office, "SELECT rollcall.append('\(SchoolDatabase.schoolID)', 3, $$\(body)$$, '[]')")
        #expect(r.status == 0, "\(r.stderr)")

        let head = try db.open(as: OSLogins.head)
        #expect(head.lastSeq == 4)
        #expect(head.school.casework.meetings["A1"] == nil, "the office's meeting was applied")
        #expect(head.warnings.contains { $0.contains("journal row 4") && $0.contains("the rules refuse it for \(OSLogins.office)") }, "\(head.warnings)")
        #expect(try head.checkProblems().contains { $0.contains("journal row 4") })
        // What the office may do, done the same way, is read as ever.
        let mark = try TransactionJSON.encode(Transaction([.mark(MarkChange(upn: "A1", session: Session(SchoolDate("2026-03-02")!, .am),
                                                                            mark: Mark(.presentAM)))]))
        #expect(try db.psql(as: OSLogins.office, "SELECT rollcall.append('\(SchoolDatabase.schoolID)', 4, $$\(mark)$$, '[]')").status == 0)
        #expect(try head.refresh())
        #expect(head.school.register.mark(for: "A1", at: Session(SchoolDate("2026-03-02")!, .am))?.code == .presentAM)
        #expect(head.warnings.count == 1)
    }
}
