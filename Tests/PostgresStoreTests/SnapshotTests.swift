import Attendance
import AttendanceStore
import Foundation
@testable import PostgresStore
import Testing

/// Opening reads the latest snapshot and the rows after it; the journal stays the truth.
@Suite(.enabled(if: TestCluster.isInstalled, "\(TestCluster.skipReason)"))
struct SnapshotTests {
    let day = Session(SchoolDate("2026-02-23")!, .am)

    func mark(_ code: AttendanceCode, _ session: Session) -> Transaction {
        Transaction([.mark(MarkChange(upn: "A1", session: session, mark: Mark(code)))])
    }

    /// The school as the whole journal gives it, as snapshot documents (words sealed).
    func replayed(_ db: SchoolDatabase, as login: String) throws -> [String: String] {
        let store = try PostgresStore.replaying(try PGConnection(db.url(login)), url: db.url(login), school: SchoolDatabase.schoolID,
                                                name: "Greenfield Primary", upTo: Int.max)
        return Dictionary(uniqueKeysWithValues: try SchoolDocuments.encode(store.school).map { ($0.name, $0.text) })
    }

    func documents(_ store: PostgresStore) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try SchoolDocuments.encode(store.school).map { ($0.name, $0.text) })
    }

    @Test func aSchoolOpensFromItsSnapshotAndTheRowsAfterItAsTheWholeJournalWouldGiveIt() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let head = try db.open(as: OSLogins.head), dslStore = try db.open(as: OSLogins.dsl)
        try head.commit(mark(.presentAM, day), by: SchoolDatabase.head)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET bruise", sensitive: true)
        try dslStore.commit(Transaction([.contact(note)]), by: SchoolDatabase.dsl)
        try head.refresh()
        try head.writeSnapshot()
        #expect(try db.owner().execute("SELECT seq FROM rollcall.snapshots").rows == [["5"]])
        #expect(!(try db.owner().execute("SELECT string_agg(body, '') FROM rollcall.snapshot_parts").scalar ?? "").contains("Q-SECRET"))
        try db.open(as: OSLogins.office).commit(mark(.presentAM, Session(SchoolDate("2026-02-24")!, .am)), by: SchoolDatabase.office)

        for login in [OSLogins.office, OSLogins.dsl, OSLogins.head] {
            let store = try db.open(as: login)
            try store.loadContacts()  // read after the first frame, as the file store's
            #expect(store.lastSeq == 6)
            #expect(try documents(store) == (try replayed(db, as: login)), "\(login)")
            #expect(store.school.register.mark(for: "A1", at: Session(SchoolDate("2026-02-24")!, .am))?.code == .presentAM)
        }
        // The words come from what each login may read, never from the snapshot.
        func firstNote(_ login: String) throws -> String? {
            let store = try db.open(as: login)
            #expect(store.school.casework.contacts["A1"] == nil, "the contact log is read after the first frame")
            try store.loadContacts(from: SchoolDate("2026-01-01")!)
            return store.school.casework.contacts["A1"]?.first?.text
        }
        #expect(try firstNote(OSLogins.dsl) == "Q-SECRET bruise")
        #expect(try firstNote(OSLogins.office) == ContactLogEntry.withheldText)
        #expect(try db.open(as: OSLogins.head).checkProblems().isEmpty)
        // A head whose process has not read the contact log yet still writes all of it.
        let later = try db.open(as: OSLogins.head)
        try later.commit(mark(.presentAM, Session(SchoolDate("2026-02-25")!, .am)), by: SchoolDatabase.head)
        try later.writeSnapshot()
        #expect(try db.owner().execute("SELECT count(*) FROM rollcall.snapshot_parts WHERE seq = 7 AND name LIKE 'contacts/%'").scalar == "1")
        #expect(try db.open(as: OSLogins.head).checkProblems().isEmpty)
    }

    /// Snapshots are copies of what the journal says: writing one deletes the school's
    /// snapshots older than its newest three, in the same transaction. The journal stays
    /// append-only, a snapshot is still never rewritten, staff still delete nothing, and the
    /// school opens from the newest as before.
    @Test func onlyTheNewestThreeSnapshotsAreKept() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let head = try db.open(as: OSLogins.head)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-02-20")!, text: "Mum rang")
        try head.commit(Transaction([.contact(note)]), by: SchoolDatabase.head)
        var session = day
        func markAndSnapshot(_ store: PostgresStore) throws {
            try store.commit(mark(session.half == .am ? .presentAM : .presentPM, session), by: SchoolDatabase.head)
            try store.writeSnapshot()
            session = session.next
        }
        for _ in 0..<5 { try markAndSnapshot(head) }
        let owner = try db.owner()
        let newest = (head.lastSeq - 2...head.lastSeq).map { [String($0)] }
        #expect(try owner.execute("SELECT seq FROM rollcall.snapshots ORDER BY seq").rows == newest)
        #expect(try owner.execute("SELECT DISTINCT seq FROM rollcall.snapshot_parts ORDER BY seq").rows == newest)

        #expect(throws: PGError.self) { try owner.execute("DELETE FROM rollcall.journal WHERE seq = 1") }
        #expect(throws: PGError.self) { try owner.execute("UPDATE rollcall.snapshots SET author = 'someone'") }
        #expect(throws: PGError.self) { try owner.execute("UPDATE rollcall.snapshot_parts SET body = ''") }
        let office = try PGConnection(db.url(OSLogins.office))
        #expect(throws: PGError.self) { try office.execute("DELETE FROM rollcall.snapshots") }
        #expect(throws: PGError.self) { try office.execute("DELETE FROM rollcall.snapshot_parts") }

        let opened = try db.open(as: OSLogins.office)
        #expect(opened.lastSeq == head.lastSeq)
        try opened.loadContacts()
        #expect(try documents(opened) == (try replayed(db, as: OSLogins.office)))
        #expect(opened.school.casework.contacts["A1"]?.first?.text == "Mum rang")
        #expect(try db.open(as: OSLogins.head).checkProblems().isEmpty)

        // A process that opened from a snapshot since deleted (an app left open for weeks)
        // says so when it comes to read the contact log, rather than show it empty.
        let early = try db.open(as: OSLogins.office)
        for _ in 0..<3 { try markAndSnapshot(head) }
        #expect {
            try early.loadContacts()
        } throws: { error in
            "\(error)".contains("open the school again")
        }
    }

    @Test func onlyTheHeadWritesASnapshotAndOneThatDisagreesWithTheJournalIsReported() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let office = try PGConnection(db.url(OSLogins.office))
        #expect(throws: PGError.self) { try office.execute("SELECT rollcall.put_snapshot('greenfield', 3)") }
        #expect(throws: PGError.self) { try office.execute("INSERT INTO rollcall.snapshots VALUES ('greenfield', 3, '', 'x', now())") }

        let head = try db.open(as: OSLogins.head)
        try head.commit(mark(.presentAM, day), by: SchoolDatabase.head)
        try head.writeSnapshot()
        // Someone with the owner's rights puts row 4's school in front as row 5's (B2 left out).
        let owner = try db.owner()
        let parts = try owner.execute("SELECT name, body FROM rollcall.snapshot_parts WHERE seq = 4").rows
        try head.commit(Transaction([.pupil(Pupil(upn: "B2", legalSurname: "Jones", legalForename: "Ben", dateOfBirth: SchoolDate("2016-02-02")!,
                                                  yearGroup: YearGroup(3), registrationGroup: "3A"))]), by: SchoolDatabase.head)
        try owner.execute("INSERT INTO rollcall.snapshots SELECT school, seq, hash, author, at FROM rollcall.journal WHERE seq = 5")
        for r in parts {
            try owner.execute("INSERT INTO rollcall.snapshot_parts VALUES ('greenfield', 5, $1, $2)", [r[0]!, r[1]!])
        }
        let opened = try db.open(as: OSLogins.head)
        #expect(opened.lastSeq == 5)
        #expect(opened.school.pupils["B2"] == nil, "the forged snapshot was not read")
        let problems = try opened.checkProblems()
        #expect(problems.contains { $0.contains("snapshot of school greenfield at row 5 does not match the journal") }, "\(problems)")
    }

    /// As the file store: the two newest years of marks at open, older ones when asked for
    /// or when a change touches them.
    @Test func olderYearsOfMarksAreReadWhenAskedForOrWhenAChangeTouchesThem() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let head = try db.open(as: OSLogins.head)
        let sessions = ["2023-10-02", "2024-10-01", "2025-10-01"].map { Session(SchoolDate($0)!, .am) }
        var marks = Transaction(sessions.map { .mark(MarkChange(upn: "A1", session: $0, mark: Mark(.presentAM))) }, reason: "history from the MIS",
                                origin: .importFile("mis.csv"))
        marks.allowingAnyDate = true
        try head.commit(marks, by: SchoolDatabase.head)
        try head.writeSnapshot()

        let office = try db.open(as: OSLogins.office)
        #expect(office.school.register.mark(for: "A1", at: sessions[0]) == nil)
        #expect(office.school.register.mark(for: "A1", at: sessions[1])?.code == .presentAM)
        // A change to the oldest year reads it first: it is an amendment of what was there.
        #expect(throws: ChangeRefused.self) { try office.commit(mark(.illness, sessions[0]), by: SchoolDatabase.office) }
        try office.commit(Transaction([.mark(MarkChange(upn: "A1", session: sessions[0], mark: Mark(.illness)))], reason: "mum rang"),
                          by: SchoolDatabase.office)
        guard case .mark(let m) = try #require(office.history(upn: "A1").entries.last).change else { Issue.record("not a mark"); return }
        #expect(m.previous?.code == .presentAM)
        let again = try db.open(as: OSLogins.office)
        #expect(again.school.register.mark(for: "A1", at: sessions[0])?.code == .illness)  // from the row after the snapshot
        let fresh = try db.open(as: OSLogins.head)
        try fresh.loadAllYears()
        #expect(fresh.school.register.mark(for: "A1", at: sessions[0])?.code == .illness)
        try fresh.writeSnapshot()
        #expect(try db.open(as: OSLogins.head).checkProblems().isEmpty)
    }
}
