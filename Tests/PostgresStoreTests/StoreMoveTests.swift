import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import Testing

/// `rollcall store move` (issue 20, item 6): a file store into the database and back, run as
/// the built binary, with the exports compared byte for byte and the history compared entry
/// by entry; and who may write rows in others' names (nobody but a move).
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct StoreMoveTests {
    let commands = InitDatabaseCommandTests()
    static let head = StaffMember(login: OSLogins.head, name: "Hana Head", role: .head, isDSL: true)
    static let office = StaffMember(login: OSLogins.office, name: "Olu Office", role: .office)
    static let dsl = StaffMember(login: OSLogins.dsl, name: "Dee Lead", role: .attendance, isDSL: true)
    static let day = SchoolDate("2026-03-02")!
    /// Monday 2 March 2026, 09:00 UTC: never the real clock.
    static let morning = Date(timeIntervalSince1970: 1_772_442_000)

    func temporaryDirectory() throws -> String {
        let dir = TestCluster.temporaryDirectory + "rollcall-move-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Changes made through the file store after it was created, by three logins: staff,
    /// a mark and an amendment, a plain note, a sensitive home visit and meeting by the DSL.
    func addChanges(to dir: String, upn: String) throws {
        let store = try Store.open(at: dir, now: { Self.morning })
        try store.commit(Transaction([.staff(Self.office), .staff(Self.dsl)]), by: Self.head)
        let am = Session(Self.day, .am)
        try store.commit(Transaction([.mark(MarkChange(upn: upn, session: am, mark: Mark(.presentAM)))]), by: Self.office)
        try store.commit(Transaction([.mark(MarkChange(upn: upn, session: am, mark: Mark(.lateBeforeClose, minutesLate: 7)))],
                                     reason: "came in late, Q-REASON"), by: Self.office)
        try store.commit(Transaction([.contact(ContactLogEntry(upn: upn, kind: .note, on: Self.day, text: "Q-PLAIN note"))]), by: Self.office)
        let visit = ContactLogEntry(upn: upn, kind: .homeVisit, on: Self.day, time: "10:00", visitedBy: ["Dee Lead"], childSeen: false,
                                    adultSpokenTo: "uncle Q-SECRET-ADULT", text: "Q-SECRET-TEXT", sensitive: true)
        try store.commit(Transaction([.contact(visit)]), by: Self.dsl)
        let meeting = Meeting(upn: upn, on: Self.day, attendees: ["mum", "DSL"], goingWell: "Q-SECRET-WELL", concerns: "Q-SECRET-CONCERN",
                              agreedActions: ["Q-SECRET-ACTION"])
        try store.commit(store.school.recordingMeeting(meeting, time: "11:00", sensitive: true), by: Self.dsl)
    }

    /// What `rollcall export pupils|marks|casework` prints, run as the head.
    func exports(_ storeArgs: [String]) throws -> [String] {
        try ["pupils", "marks", "casework"].map { what in
            let r = try commands.rollcall(as: OSLogins.head, ["export", what] + storeArgs)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
    }

    /// The history as both stores give it, without the sequence numbers (a move may put rows
    /// before the trail).
    func history(_ trail: AuditTrail) -> [String] {
        #expect(trail.problems.isEmpty, "\(trail.problems)")
        return trail.entries.map { e in "\(e.at) \(e.login) \(e.name) \(e.reason ?? "-") \(e.origin ?? "-") \(e.schoolTime ?? "-") \(e.change)" }
    }

    @Test func aGeneratedSchoolWithEveryKindOfRecordMovesIntoTheDatabaseAndBack() throws {
        try OSLogins.ensure()
        let cluster = try commands.database()
        defer { cluster.stop() }
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let dir = "\(tmp)/store", back = "\(tmp)/back"
        // A generated school: pupils, two years of marks, calendar, cases, the contact log, all
        // in its first snapshot (no audit trail), then changes with a trail on top.
        let demo = try commands.rollcall(as: OSLogins.head, ["demo", "--store", dir, "--pupils", "40", "--years", "2",
                                                             "--as-of", "2026-03-02", "--name", "Greenfield Primary"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let generated = try Store.open(at: dir)
        let upn = try #require(generated.school.roll.first?.upn)
        #expect(!generated.school.casework.cases.isEmpty && generated.school.calendar != nil)
        try addChanges(to: dir, upn: upn)

        let url = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let move = try commands.rollcall(as: OSLogins.head, ["store", "move", "--from", dir, "--to", url])
        #expect(move.status == 0, "\(move.stderr)")
        #expect(move.stdout.contains("as school greenfield_primary") && move.stdout.contains("Checked"), "\(move.stdout)")

        // The database's copy, as the head reads it: the same exports, the trail's rows in
        // their authors' names (the words of sensitive entries by the DSL, apart), the records
        // from before the trail in the mover's name.
        let storeArgs = ["--store", dir], dbArgs = ["--database", url, "--school", "greenfield_primary"]
        #expect(try exports(dbArgs) == exports(storeArgs))
        let owner = try cluster.connect(database: SchoolDatabase.database)
        #expect(try owner.execute("SELECT string_agg(DISTINCT author, ',' ORDER BY author) FROM rollcall.journal").scalar
                == [OSLogins.dsl, OSLogins.head, OSLogins.office].sorted().joined(separator: ","))
        #expect(try owner.execute("SELECT author FROM rollcall.sensitive_words WHERE words::text LIKE '%Q-SECRET-TEXT%'").scalar == OSLogins.dsl)
        #expect(try owner.execute("SELECT count(*) FROM rollcall.journal WHERE body LIKE '%Q-SECRET%'").scalar == "0")
        #expect(try owner.execute("SELECT moved_by || ' ' || moved_from FROM rollcall.moves").scalar == "\(OSLogins.head) \(dir)")
        let moved = try PostgresStore.open(database: url, school: "greenfield_primary")
        #expect(try moved.checkProblems().isEmpty)
        let fileTrail = history(try Store.open(at: dir).auditTrail())
        let dbTrail = history(moved.auditTrail())
        #expect(Array(dbTrail.suffix(fileTrail.count)) == fileTrail)
        #expect(dbTrail.count > fileTrail.count, "the generated records have rows of their own")
        #expect(moved.auditTrail().entries.first?.reason?.hasPrefix("moved from \(dir) by \(OSLogins.head)") == true)

        // The way back: a new store, the same exports and the same history as the database.
        let out = try commands.rollcall(as: OSLogins.head, ["store", "move", "--from", url, "--school", "greenfield_primary", "--to", back])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try exports(["--store", back]) == exports(storeArgs))
        #expect(history(try Store.open(at: back).auditTrail()) == dbTrail)
        let chain = AuditChain.verify(store: back)
        #expect(chain.brokenLink == nil && chain.unreadable.isEmpty && chain.linked == chain.transactions)
    }

    @Test func aSchoolWithSensitiveWordsMovesWithItsWholeHistory() throws {
        try OSLogins.ensure()
        let cluster = try commands.database()
        defer { cluster.stop() }
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let dir = "\(tmp)/store"
        let created = try Store.create(at: dir, schoolName: "Hill School", head: Self.head, policy: try PolicyFile.preset(PolicyFile.defaultPresetID))
        let pupil = Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                          yearGroup: YearGroup(3), registrationGroup: "3A")
        created.now = { Self.morning }
        try created.commit(Transaction([.pupil(pupil)]), by: Self.head)
        try addChanges(to: dir, upn: "A1")

        // The office may not move it (not the head there, and not a founder): nothing is written.
        let officeURL = cluster.conninfo(user: OSLogins.office, database: SchoolDatabase.database)
        let refused = try commands.rollcall(as: OSLogins.office, ["store", "move", "--from", dir, "--to", officeURL])
        #expect(refused.status != 0 && refused.stderr.contains("not the head"), "\(refused.stderr)")
        let owner = try cluster.connect(database: SchoolDatabase.database)
        #expect(try owner.execute("SELECT count(*) FROM rollcall.schools").scalar == "0")

        let url = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let move = try commands.rollcall(as: OSLogins.head, ["store", "move", "--from", dir, "--to", url, "--school", "hill"])
        #expect(move.status == 0, "\(move.stderr)")
        let moved = try PostgresStore.open(database: url, school: "hill")
        // `init` put the head and the policy in the first snapshot, with no trail: one row in
        // the mover's name holds them; after it, every row is the file store's.
        let file = try Store.open(at: dir)
        #expect(moved.lastSeq == file.lastSeq + 1)
        let first = try #require(moved.auditTrail().entries.first)
        #expect(first.login == OSLogins.head && first.change == .staff(Self.head))
        #expect(Array(history(moved.auditTrail()).suffix(history(file.auditTrail()).count)) == history(file.auditTrail()))
        #expect(moved.school.casework.policy == file.school.casework.policy && moved.school.staff == file.school.staff)
        // The DSL reads the words; the office does not.
        let asDSL = try PostgresStore.open(database: cluster.conninfo(user: OSLogins.dsl, database: SchoolDatabase.database), school: "hill")
        #expect(asDSL.school.casework.contacts["A1"]?.contains { $0.text == "Q-SECRET-TEXT" } == true)
        let asOffice = try PostgresStore.open(database: officeURL, school: "hill")
        #expect(asOffice.school.casework.contacts["A1"]?.contains { $0.text.contains("Q-SECRET") } == false)
        #expect(asOffice.school.casework.contacts["A1"]?.contains { $0.text == "Q-PLAIN note" } == true)
    }

    @Test func nobodyButAMoveWritesRowsInOthersNames() throws {
        try OSLogins.ensure()
        let db = try SchoolDatabase()
        defer { db.stop() }
        func refused(_ r: Shell.Result, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(r.status != 0, "psql succeeded: \(r.stdout)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains(words), "\(r.stderr)", sourceLocation: sourceLocation)
        }
        let before = try db.owner().execute("SELECT count(*) FROM rollcall.journal").scalar
        // The office, with psql as its own OS login: not a founder, so none of the move's functions.
        refused(try db.psql(as: OSLogins.office, "SELECT rollcall.begin_move('mine', 'Mine', '/tmp/x')"), "permission denied")
        refused(try db.psql(as: OSLogins.office, """
            SELECT rollcall.move_row('\(SchoolDatabase.schoolID)', now(), '\(OSLogins.head)', '{"changes":[]}', '[]')
            """), "permission denied")
        refused(try db.psql(as: OSLogins.office, "SELECT rollcall.end_move('\(SchoolDatabase.schoolID)')"), "permission denied")
        refused(try db.psql(as: OSLogins.office, "INSERT INTO rollcall.moves VALUES ('x', '/', 'x', now(), 1, 1)"), "permission denied")
        // A founder: not into a school that exists, nor into one whose move has been committed.
        refused(try db.psql(as: OSLogins.head, """
            SELECT rollcall.move_row('\(SchoolDatabase.schoolID)', now(), '\(OSLogins.office)', '{"changes":[]}', '[]')
            """), "only by the move that creates school")
        #expect(try db.psql(as: OSLogins.head, "SELECT rollcall.begin_move('fresh', 'Fresh', '/tmp/x')").status == 0)
        refused(try db.psql(as: OSLogins.head, """
            SELECT rollcall.move_row('fresh', now(), '\(OSLogins.office)', '{"changes":[]}', '[]')
            """), "only by the move that creates school")
        #expect(try db.owner().execute("SELECT count(*) FROM rollcall.journal").scalar == before)
    }
}
