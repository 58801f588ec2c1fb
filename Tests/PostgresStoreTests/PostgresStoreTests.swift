import Attendance
import Foundation
import PostgresStore
import Testing

/// The PostgreSQL store: a school is its journal, applied with the domain's own code; each
/// change is checked by `School.check` and appended in one SQL transaction.
@Suite(.enabled(if: TestCluster.isInstalled, "\(TestCluster.skipReason)"))
struct PostgresStoreTests {
    let today = Session(SchoolDate("2026-03-02")!, .am)

    func mark(_ code: AttendanceCode, shown: ShownMark? = nil, reason: String? = nil) -> Transaction {
        Transaction([.mark(MarkChange(upn: "A1", session: today, mark: Mark(code), shown: shown))], reason: reason)
    }

    @Test func aSchoolOpensFromItsJournalWithEveryChangeAuthoredByTheLoginThatMadeIt() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office)
        #expect(office.school.name == "Greenfield Primary")
        #expect(office.school.staff.keys.sorted() == [OSLogins.head, OSLogins.office, OSLogins.dsl, OSLogins.attendance].sorted())
        #expect(office.school.pupils["A1"] != nil)
        try office.commit(mark(.presentAM), by: SchoolDatabase.office)

        let again = try db.open(as: OSLogins.head)
        #expect(again.lastSeq == office.lastSeq)
        #expect(again.school.register.mark(for: "A1", at: today)?.code == .presentAM)
        let authors = try db.owner().execute("SELECT seq, author FROM rollcall.journal ORDER BY seq").rows
        #expect(authors == [["1", OSLogins.head], ["2", OSLogins.head], ["3", OSLogins.head], ["4", OSLogins.office]])
        #expect(try db.owner().execute("SELECT rollcall.first_broken_row($1)", [SchoolDatabase.schoolID]).scalar == nil)
    }

    @Test func theDomainsRulesStillDecide() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office)
        // The office may not change the staff list: refused by the domain before the database sees it.
        #expect(throws: ChangeRefused.self) {
            try office.commit(Transaction([.staff(StaffMember(login: OSLogins.office, name: "Olu", role: .head))]), by: SchoolDatabase.office)
        }
        // Nor act as someone else: the connection is the office's login.
        #expect(throws: ChangeRefused.self) { try office.commit(mark(.presentAM), by: SchoolDatabase.head) }
        #expect(try db.owner().execute("SELECT max(seq) FROM rollcall.journal").scalar == "3")
    }

    @Test func aChangeBasedOnWhatAnotherLoginHasSinceChangedIsRefusedSayingWhoChangedIt() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office), support = try db.open(as: OSLogins.attendance)
        try office.commit(mark(.presentAM), by: SchoolDatabase.office)
        // Support's screen still shows no mark: the store catches up under the lock and refuses.
        do {
            try support.commit(mark(.illness, shown: ShownMark.none), by: SchoolDatabase.attendance)
            Issue.record("a change to a mark someone else had changed was accepted")
        } catch let refusal as ChangeRefused {
            #expect(refusal.kind == .conflict)
            #expect(refusal.message.contains("was changed by Olu Office"))
            #expect(refusal.message.contains("from no mark to /"))
        }
        #expect(support.school.register.mark(for: "A1", at: today)?.code == .presentAM)  // it caught up
        // The database refuses a row based on an old version, whoever calls it.
        let raw = try PGConnection(db.url(OSLogins.office))
        do {
            try raw.execute("SELECT rollcall.append($1, $2, $3, '[]')", [SchoolDatabase.schoolID, 1, "{\"changes\":[]}"])
            Issue.record("a row based on seq 1 was appended after seq 4")
        } catch {
            #expect(error.sqlState == Schema.State.staleBase)
        }
    }

    @Test func sensitiveWordsAreReadOnlyByTheDSLTheHeadAndTheirAuthor() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let support = try db.open(as: OSLogins.attendance)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET bruise on arm", sensitive: true)
        try support.commit(Transaction([.contact(note)]), by: SchoolDatabase.attendance)

        func words(as login: String) throws -> String? {
            try db.open(as: login).school.casework.contacts["A1"]?.first?.text
        }
        #expect(try words(as: OSLogins.attendance) == "Q-SECRET bruise on arm")  // the author
        #expect(try words(as: OSLogins.dsl) == "Q-SECRET bruise on arm")
        #expect(try words(as: OSLogins.head) == "Q-SECRET bruise on arm")
        #expect(try words(as: OSLogins.office) == ContactLogEntry.withheldText)
        // The journal, which all staff read, never holds them.
        let journal = try db.owner().execute("SELECT string_agg(body, '') FROM rollcall.journal").scalar ?? ""
        #expect(!journal.contains("Q-SECRET"))
        #expect(try db.owner().execute("SELECT author FROM rollcall.sensitive_words").rows == [[OSLogins.attendance]])
    }

    @Test func anotherLoginsChangeIsNotifiedOnTheSocket() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let office = try db.open(as: OSLogins.office), head = try db.open(as: OSLogins.head)
        let socket = try head.listenForChanges()
        #expect(try !head.hasNotifiedChanges())
        try office.commit(mark(.presentAM), by: SchoolDatabase.office)
        var pfd = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pfd, 1, 2000) == 1)
        #expect(try head.hasNotifiedChanges())
        #expect(try head.refresh())
        #expect(head.school.register.mark(for: "A1", at: today)?.code == .presentAM)
    }

    @Test func aRewrittenRowBreaksTheChainAtThatRow() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let owner = try db.owner()
        // Only a superuser can get past the append-only triggers; the chain still shows it.
        try owner.execute("ALTER TABLE rollcall.journal DISABLE TRIGGER journal_append_only")
        try owner.execute("UPDATE rollcall.journal SET body = replace(body, 'Olu Office', 'Olu Head') WHERE seq = 2")
        #expect(try owner.execute("SELECT rollcall.first_broken_row($1)", [SchoolDatabase.schoolID]).scalar == "2")
    }

    @Test func aSecondSchoolInTheSameDatabaseIsSeparateAndARoleAtOneIsNoRoleAtTheOther() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        // Fay is attendance staff at Greenfield and founds Hillside, so is its head.
        try db.owner().execute("GRANT rollcall_founder TO \(OSLogins.attendance)")
        let fayAsHead = StaffMember(login: OSLogins.attendance, name: "Fay Support", role: .head)
        let hillside = try PostgresStore.create(database: db.url(OSLogins.attendance), id: "hillside", name: "Hillside Juniors",
                                                head: fayAsHead, now: { SchoolDatabase.morning })
        let note = ContactLogEntry(upn: "H1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-HILLSIDE", sensitive: true)
        let pupil = Pupil(upn: "H1", legalSurname: "Hill", legalForename: "Hal", dateOfBirth: SchoolDate("2016-01-01")!,
                          yearGroup: YearGroup(3), registrationGroup: "3H")
        try hillside.commit(Transaction([.pupil(pupil)]), by: fayAsHead)
        try hillside.commit(Transaction([.contact(note)]), by: fayAsHead)

        // Greenfield's office and even its head see nothing of Hillside.
        for login in [OSLogins.office, OSLogins.head] {
            let other = try PGConnection(db.url(login))
            #expect(try other.execute("SELECT count(*) FROM rollcall.journal WHERE school = 'hillside'").scalar == "0")
            #expect(try other.execute("SELECT count(*) FROM rollcall.schools").scalar == "1")
            #expect(try other.execute("SELECT count(*) FROM rollcall.sensitive_words").scalar == "0")
            #expect(throws: PGError.self) { try PostgresStore.open(database: db.url(login), school: "hillside") }
            #expect(throws: PGError.self) {
                try other.execute("SELECT rollcall.append('hillside', 2, '{\"changes\":[]}', '[]')")
            }
        }
        // Head at Hillside is not head at Greenfield: the database refuses Fay's staff change there.
        let fay = try PGConnection(db.url(OSLogins.attendance))
        let last = try fay.execute("SELECT max(seq) FROM rollcall.journal WHERE school = $1", [SchoolDatabase.schoolID]).scalar ?? "0"
        let promote = #"{"changes":[{"kind":"staff","staff":{"login":"\#(OSLogins.attendance)","name":"Fay","role":"head","isDSL":true}}]}"#
        do {
            try fay.execute("SELECT rollcall.append($1, $2, $3, '[]')", [SchoolDatabase.schoolID, Int(last)!, promote])
            Issue.record("Hillside's head changed Greenfield's staff list")
        } catch {
            #expect(error.isPermissionDenied && error.message.contains("only the head"))
        }
        // Fay reads both schools, each as what she is there.
        #expect(try fay.execute("SELECT count(DISTINCT school) FROM rollcall.journal").scalar == "2")
        #expect(try db.open(as: OSLogins.attendance).school.staff[OSLogins.attendance]?.role == .attendance)
    }
}
