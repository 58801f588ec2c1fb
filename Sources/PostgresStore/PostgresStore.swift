import Attendance
import AttendanceStore
import Foundation

/// A school's records in PostgreSQL (see docs/postgres-store.md): the journal of
/// transactions, read and applied with the domain's own `apply` to build the `School`, and
/// each change checked by `School.check` and appended in one SQL transaction. The database
/// enforces who may read and write what; this class keeps the same rules as the file store
/// so that a refusal reads the same whichever store said it.
public final class PostgresStore: SchoolStore {
    /// The school's id in the database (`rc_<id>_…` are its group roles).
    public let schoolID: String
    /// The connection string the store was opened with (shown without a password).
    public let url: String
    public private(set) var school: School
    /// The seq of the last journal row applied: the version of the school this process has.
    public private(set) var lastSeq: Int
    /// The process's one clock (see `Clock`): the school's moment for every rule; the audit
    /// trail's time is the server's.
    public var clock: Clock
    /// The real instant; a shorthand for `clock.instant`.
    public var now: () -> Date {
        get { clock.instant }
        set { clock.instant = newValue }
    }
    /// The last transaction this process recorded.
    public private(set) var lastCommitted: Transaction?
    public internal(set) var warnings: [String] = []
    /// Staff write through the database's functions, which refuse what a role may not do.
    public var isWritable: Bool { true }
    public var address: StoreAddress { .database(url: url, school: schoolID) }

    let db: PGConnection
    /// The login the server knows this connection as: the author of every row it appends.
    public let login: String
    /// Who last changed each mark, from the rows read (to say who a conflicting change was by).
    private var markAuthors: [MarkKey: (name: String, at: String)] = [:]
    private struct MarkKey: Hashable { var upn: String; var ordinal: Int }
    /// The snapshot's years of marks not read yet, with their documents (see `loadYears`).
    var unreadYears: [AcademicYear: (name: String, text: String)] = [:]
    /// The snapshot's contact-log documents not read yet (see `loadContacts`).
    var unreadContacts: (seq: Int, names: [String])?
    /// Changes applied since the latest snapshot (see `snapshotIfDue`).
    var changesSinceSnapshot = 0
    /// Rows read whose body names an author other than the login that appended them.
    public private(set) var forgedRows: [ForgedRow] = []
    /// The journal rows a `store move` wrote (0: none), read once.
    private var movedThrough: Int?
    public struct ForgedRow: Hashable, Sendable {
        public var seq: Int
        public var author: String
        public var what: String
    }

    private init(db: PGConnection, url: String, schoolID: String, school: School, clock: Clock) {
        self.db = db
        self.url = url
        self.schoolID = schoolID
        self.school = school
        self.lastSeq = 0
        self.clock = clock
        self.login = db.user
    }

    /// Changes the school in place (for the extensions in other files).
    func changingSchool(_ body: (inout School) throws -> Void) rethrows { try body(&school) }

    /// The school as a snapshot holds it, at row `seq`.
    func replaceSchool(_ school: School, seq: Int) {
        self.school = school
        lastSeq = seq
    }

    /// A store on `db` that reads the journal from the start to row `upTo`, with no snapshot.
    static func replaying(_ db: PGConnection, url: String, school id: String, name: String, upTo: Int) throws -> PostgresStore {
        let store = PostgresStore(db: db, url: url, schoolID: id, school: School(name: name), clock: .system)
        try store.readJournal(upTo: upTo)
        return store
    }

    // MARK: Installing, creating, opening

    /// Installs Rollcall's tables, roles and functions in the database (once, as a superuser).
    public static func install(_ db: PGConnection) throws {
        try db.run(script: Schema.sql)
        try db.run(script: Schema.appendSQL)
        try db.run(script: Schema.trustSQL)
        try db.run(script: Schema.moveSQL)
        try db.run(script: Schema.snapshotsSQL)
        try db.run(script: Schema.snapshotsKeepSQL)
    }

    /// Creates a school whose head is the connected login (a member of `rollcall_founder`):
    /// its roles, and its first journal row putting `head` on the staff list.
    public static func create(database: String, id: String, name: String, head: StaffMember, policy: Policy? = nil,
                              clock: Clock = .system) throws -> PostgresStore {
        let db = try PGConnection(database)
        guard head.login == db.user else {
            throw ChangeRefused(.notPermitted, "connected to the database as \(db.user), so \(db.user) is the head who creates the school, not \(head.login)")
        }
        var founding = School(name: name)
        let head = StaffMember(login: head.login, name: head.name, role: .head, isDSL: head.isDSL)
        var t = Transaction([.staff(head)] + (policy.map { [.policy($0)] } ?? []))
        t = founding.completing(t, seq: 1, by: head)
        founding.staff[head.login] = head
        try founding.check(t, by: head)
        do {
            try db.transaction {
                try db.execute("SELECT rollcall.create_school($1, $2, $3)", [id, name, try TransactionJSON.encode(t)])
            }
        } catch var error as PGError where error.isPermissionDenied {
            // Without rollcall_founder the login cannot even see the schema: say what to ask for.
            error.message = "\(db.user) may not create schools in this database (\(error.message)); its owner grants that with GRANT rollcall_founder TO \(db.user)"
            throw error
        }
        return try open(db, url: database, school: id, clock: clock)
    }

    public static func create(database: String, id: String, name: String, head: StaffMember, policy: Policy? = nil,
                              now: @escaping () -> Date) throws -> PostgresStore {
        try create(database: database, id: id, name: name, head: head, policy: policy, clock: Clock(instant: now))
    }

    /// Opens a school: reads its journal (what this login may read of it) and applies it.
    public static func open(database: String, school id: String, clock: Clock = .system) throws -> PostgresStore {
        try open(try PGConnection(database), url: database, school: id, clock: clock)
    }

    public static func open(database: String, school id: String, now: @escaping () -> Date) throws -> PostgresStore {
        try open(database: database, school: id, clock: Clock(instant: now))
    }

    /// The schools in the database this login is staff at (row-level security shows no others).
    public static func schools(database: String) throws -> [(id: String, name: String)] {
        let db = try PGConnection(database)
        defer { db.close() }
        return try schools(on: db)
    }

    static func schools(on db: PGConnection) throws -> [(id: String, name: String)] {
        try db.execute("SELECT id, name FROM rollcall.schools ORDER BY id").rows.compactMap { r in
            guard let id = r[0], let name = r[1] else { return nil }
            return (id, name)
        }
    }

    static func open(_ db: PGConnection, url: String, school id: String, clock: Clock) throws -> PostgresStore {
        let rows = try db.execute("SELECT name FROM rollcall.schools WHERE id = $1", [id])
        guard let name = rows.scalar else {
            throw PGError(message: "there is no school \(id) in this database, or \(db.user) is not on its staff", sqlState: Schema.State.noSchool)
        }
        let store = PostgresStore(db: db, url: url, schoolID: id, school: School(name: name), clock: clock)
        try store.readSnapshot()
        try store.readJournal()
        store.snapshotIfDue()
        return store
    }

    // MARK: Reading

    /// Applies the journal rows after `lastSeq`, with the sensitive words this login may read.
    @discardableResult
    func readJournal(upTo last: Int = Int.max) throws -> Bool {
        let rows = try db.execute("""
            SELECT seq, author, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, body
            FROM rollcall.journal WHERE school = $1 AND seq > $2 AND seq <= $3 ORDER BY seq
            """, [schoolID, lastSeq, last])
        guard rows.count > 0 else { return false }
        let words = try readableWords(after: lastSeq)
        // Rows a `store move` wrote carry the file store's own authors (and its first row, the
        // records from before the trail began, the mover's name): written by the owner's move
        // functions inside the transaction that created the school, not by a staff login, and
        // checked by the file store when they were made (the first rows, a snapshot, never were).
        if movedThrough == nil {
            movedThrough = Int(try db.execute("SELECT rows FROM rollcall.moves WHERE school = $1", [schoolID]).scalar ?? "") ?? 0
        }
        for r in rows.rows {
            guard let seqText = r[0], let seq = Int(seqText), let author = r[1], let at = r[2], let body = r[3] else {
                throw PGError(message: "school \(schoolID): a journal row with a missing field")
            }
            guard seq == lastSeq + 1 else {
                throw PGError(message: "school \(schoolID): journal row \(seq) follows \(lastSeq); rows are missing (or hidden from \(login))")
            }
            let t: Transaction, schoolTime: String?
            do { (t, schoolTime) = try TransactionJSON.decodeWithMoment(body) } catch {
                throw PGError(message: "school \(schoolID): journal row \(seq) cannot be read: \(error)")
            }
            try readYears(of: t)
            // A row whose body names another author was written outside Rollcall: say so and
            // leave it out, rather than let it speak for someone it was not written by.
            if seq > (movedThrough ?? 0), let forged = school.forgedAuthor(in: t, login: author) {
                forgedRows.append(ForgedRow(seq: seq, author: author, what: forged))
                warnings.append("journal row \(seq) of school \(schoolID) was appended by \(author) but \(forged): it was written outside Rollcall and is left out; `rollcall check` reports it")
            } else if seq > (movedThrough ?? 0), let refused = ruleRefusal(t, seq: seq, author: author, at: at, schoolTime: schoolTime) {
                let what = "the rules refuse it for \(author) as they were then (\(refused))"
                forgedRows.append(ForgedRow(seq: seq, author: author, what: what))
                warnings.append("journal row \(seq) of school \(schoolID) was appended by \(author) but \(what): it was written outside Rollcall and is left out; `rollcall check` reports it")
            } else {
                school.apply(TransactionJSON.filling(t, words: { words[$0] }))
                noteAuthor(of: t, login: author, at: at)
                changesSinceSnapshot += t.changes.count
            }
            lastSeq = seq
        }
        return true
    }

    private func noteAuthor(of t: Transaction, login: String, at: String) {
        let name = school.staff[login]?.name ?? login
        for case .mark(let m) in t.changes where t.changes.count <= 1000 {
            markAuthors[MarkKey(upn: m.upn, ordinal: m.session.ordinal)] = (name, at)
        }
    }

    /// Reads what others have appended since. Returns true if anything changed.
    @discardableResult
    public func refresh() throws -> Bool {
        try readJournal()
    }

    /// Reads the years of marks `wanted` says that opening left in the snapshot.
    public func loadYears(where wanted: (AcademicYear) -> Bool) throws {
        for year in unreadYears.keys.sorted() where wanted(year) { try readYear(year) }
    }

    /// True if a notification of another change has arrived, or (before this process listens)
    /// if the journal has rows this process has not read. Never waits.
    public func hasChanges() -> Bool {
        if !listening {
            _ = try? listenForChanges()
            let last = (try? db.execute("SELECT last_seq FROM rollcall.schools WHERE id = $1", [schoolID]).scalar).flatMap { $0.flatMap { Int($0) } }
            return (last ?? lastSeq) != lastSeq
        }
        return (try? hasNotifiedChanges()) ?? true
    }

    // MARK: Changes

    /// The member of staff this connection is, or a refusal that says what to do.
    public func staffMember(login: String) throws -> StaffMember {
        guard let s = school.staff[login] else {
            throw ChangeRefused(.notPermitted, "\(login) is not on this school's staff list; ask the head to run `rollcall staff add \(login) --name \"…\" --role office|attendance|head`")
        }
        return s
    }

    /// Records a transaction: completes and checks the change with the domain's rules against
    /// the school as this process has it (as the connected login: the database records that
    /// login as the author, whoever `actor` says), and appends it based on the seq it was
    /// checked against, in one statement (one round trip, one commit). If another login
    /// appended meanwhile, the server refuses the stale base (RC001): this process reads what
    /// was appended and tries once more; then it locks the school, so that a busy school
    /// still gets every change through. Returns the transaction as recorded, or nil when it
    /// changes nothing; throws `ChangeRefused` (the rules, a conflict) or `PGError` (the
    /// database refused or failed) having recorded nothing.
    public func commit(_ transaction: Transaction, by actor: StaffMember,
                       revise: (School, Transaction) throws -> Transaction) throws -> Transaction? {
        guard actor.login == login else {
            throw ChangeRefused(.notPermitted, "connected to the database as \(login), so changes are recorded as \(login), not \(actor.login)")
        }
        var recorded: (Transaction, Int)?
        var appended = false
        for _ in 0..<2 where !appended {
            do {
                recorded = try checkAndAppend(transaction, revise: revise)
                appended = true
            } catch let error as PGError where error.sqlState == Schema.State.staleBase {
                try readJournal()
            }
        }
        if !appended {
            recorded = try db.transaction {
                let last = Int(try db.execute("SELECT rollcall.lock_school($1)", [schoolID]).scalar ?? "") ?? 0
                if last != lastSeq { try readJournal() }
                return try checkAndAppend(transaction, revise: revise)
            }
        }
        guard let (t, seq) = recorded else { return nil }
        school.apply(t)
        noteAuthor(of: t, login: login, at: Timestamp.iso(now()))
        lastSeq = seq
        lastCommitted = t
        changesSinceSnapshot += t.changes.count
        // A big change (an import, a year of the contact log) is snapshotted at once, as the file
        // store compacts after one: every open would otherwise decode it again.
        snapshotIfDue(afterBigChange: t.changes.count > Self.bigChange)
        return t
    }

    /// Revises, completes and checks the change against the school as this process has it,
    /// and appends it based on `lastSeq` (refused by the server, RC001, if that is stale).
    private func checkAndAppend(_ transaction: Transaction, revise: (School, Transaction) throws -> Transaction) throws -> (Transaction, Int)? {
        try readYears(of: transaction)
        let transaction = try revise(school, transaction)
        try readYears(of: transaction)
        try refuseConflicts(transaction)
        let current = try staffMember(login: login)  // the head may have removed them meanwhile
        // The school's moment, read once (working it out in the time zone is not free): the
        // rules check the change as of it, and the row records it.
        let moment = clock.moment(timeZone: school.settings.timeZone)
        let today = moment.date
        // A leaver's cases whose day has come are closed with this change (LeaversCases.swift).
        var t = school.completing(school.closingLeaversCases(transaction, today: today), seq: lastSeq + 1, by: current)
        t.changes = t.changes.filter { !school.isNoChange($0) }
        guard !t.changes.isEmpty else { return nil }
        try school.check(t, by: current, today: today)
        let (sealed, words) = TransactionJSON.sealing(t)
        let wordsJSON = "[" + words.map { "{\"id\":\(Self.jsonString($0.id)),\"upn\":\(Self.jsonString($0.upn)),\"words\":\($0.json)}" }.joined(separator: ",") + "]"
        let bodyText = try TransactionJSON.encode(sealed, schoolTime: clock.recordedMoment(of: moment))
        let seq = try db.executePrepared("SELECT rollcall.append($1, $2, $3, $4)", [schoolID, lastSeq, bodyText, wordsJSON]).scalar
        return (t, Int(seq ?? "") ?? lastSeq + 1)
    }

    /// Refuses a mark whose register cell no longer holds what the screen showed.
    private func refuseConflicts(_ t: Transaction) throws(ChangeRefused) {
        for case .mark(let m) in t.changes {
            guard let shown = m.shown else { continue }
            let now = school.register.mark(for: m.upn, at: m.session)
            guard now != shown.mark else { continue }
            let author = markAuthors[MarkKey(upn: m.upn, ordinal: m.session.ordinal)]
            throw Store.conflictRefusal(m, shown: shown, now: now, byName: author?.name, at: author?.at, timeZone: school.settings.timeZone)
        }
    }

    static func jsonString(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    // MARK: Others' changes

    /// The connection's socket: poll it, and call `hasNotifiedChanges()` then `refresh()`
    /// when it is readable (every append notifies `rollcall:<school>`). Any statement may
    /// read a notification off the socket first, so ask `hasNotifiedChanges()` before
    /// waiting, too. Listening starts at the first call.
    public func listenForChanges() throws -> Int32 {
        if !listening { try db.listen("rollcall:\(schoolID)") }
        listening = true
        return db.socket
    }

    private var listening = false

    /// True if a notification of another change has arrived (reads the socket, never waits).
    public func hasNotifiedChanges() throws -> Bool {
        !(try db.notifications().isEmpty)
    }
}

// MARK: Many marks, undo, the audit trail

extension PostgresStore {
    /// An import's marks: the same steps as `commit`, with the marks as one transaction.
    public func commitMarks(_ marks: MarkColumns, reason: String?, origin: Transaction.Origin, by actor: StaffMember,
                            allowingAnyDate: Bool,
                            revise: (School, inout MarkColumns, inout String?) throws -> Void) throws -> MarkColumns? {
        var recorded: MarkColumns?
        var draft = Transaction(marks.changes.map(Change.mark), reason: reason, origin: origin)
        draft.allowingAnyDate = allowingAnyDate
        _ = try commit(draft, by: actor) { school, t in
            var columns = marks, reason = t.reason
            try revise(school, &columns, &reason)
            let done = columns.completed(from: school.register)
            recorded = done
            var revised = Transaction(done.changes.map(Change.mark), reason: reason, origin: origin)
            revised.allowingAnyDate = allowingAnyDate
            return revised
        }
        return (recorded?.count ?? 0) > 0 ? recorded : nil
    }

    @discardableResult
    public func undoLast(by actor: StaffMember) throws -> Transaction? {
        try undoingLast(by: actor)
    }

    /// Every journal row this login may read, oldest first, with the words of sensitive
    /// entries where row-level security lets it read them.
    public func auditTrail() -> AuditTrail {
        var trail = AuditTrail()
        do {
            let rows = try db.execute("""
                SELECT seq, author, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), body
                FROM rollcall.journal WHERE school = $1 ORDER BY seq
                """, [schoolID])
            let words = try readableWords(after: 0)
            // Who each login was when the row was written (name and role then, as the file
            // store's journal lines record them), from the rows' own staff changes.
            var staffThen: [String: StaffMember] = [:]
            for r in rows.rows {
                guard let seqText = r[0], let seq = Int(seqText), let author = r[1], let at = r[2], let body = r[3] else { continue }
                let read: (transaction: Transaction, schoolTime: String?)
                do { read = try TransactionJSON.decodeWithMoment(body) } catch {
                    trail.problems.append(AuditProblem(file: "database journal of school \(schoolID)", line: seq, reason: "cannot be read: \(error)"))
                    continue
                }
                if let forged = forgedRows.first(where: { $0.seq == seq }) {
                    trail.problems.append(AuditProblem(file: "database journal of school \(schoolID)", line: seq,
                                                       reason: "appended by \(author) but \(forged.what): written outside Rollcall"))
                    continue
                }
                let t = TransactionJSON.filling(read.transaction, words: { words[$0] })
                let before = staffThen[author]
                for change in t.changes {
                    switch change {
                    case .staff(let s): staffThen[s.login] = s
                    case .staffRemoved(let login): staffThen[login] = nil
                    default: break
                    }
                }
                let member = before ?? staffThen[author] ?? school.staff[author]
                for change in t.changes {
                    trail.entries.append(AuditEntry(seq: seq, at: at, login: author, name: member?.name ?? author,
                                                    role: member?.role.rawValue ?? "", reason: t.reason,
                                                    origin: TransactionJSON.originText(t.origin), schoolTime: read.schoolTime, change: change))
                }
            }
        } catch {
            trail.problems.append(AuditProblem(file: "database journal of school \(schoolID)", reason: "cannot be read: \(error)"))
        }
        return trail
    }

    /// The words of sensitive entries this login may read, by entry id.
    func readableWords(after seq: Int) throws -> [String: SensitiveWords] {
        let wordRows = try db.execute("SELECT id, author, words FROM rollcall.sensitive_words WHERE school = $1 AND seq > $2",
                                      [schoolID, seq])
        var words: [String: SensitiveWords] = [:]
        for r in wordRows.rows {
            guard let id = r[0], let author = r[1], let json = r[2] else { continue }
            words[id] = try SensitiveWords(json: json, author: author)
        }
        return words
    }
}

// MARK: Checking

extension PostgresStore {
    /// What is wrong with the school's journal as this login may read it: the first row whose
    /// hash does not follow from the row before it (an altered or removed row).
    public func checkProblems() throws -> [String] {
        var problems: [String] = []
        if let broken = try db.execute("SELECT rollcall.first_broken_row($1)", [schoolID]).scalar, let seq = Int(broken) {
            problems.append("journal row \(seq) of school \(schoolID) does not follow from the row before it (the SHA-256 chain is broken there): rows from \(seq) on may have been altered, removed or inserted outside Rollcall")
        }
        let snapshot = try snapshotProblem()
        if let problem = snapshot.problem { problems.append(problem) }
        for row in Set(snapshot.forgedBefore + forgedRows).sorted(by: { $0.seq < $1.seq }) {
            problems.append("journal row \(row.seq) of school \(schoolID) was appended by \(row.author) but \(row.what): it was written outside Rollcall (left out of the school as read)")
        }
        return problems
    }
}

// MARK: Exporting the audit trail

extension PostgresStore {
    public struct AuditChainExport {
        /// JSON Lines, one journal row each, oldest first.
        public var text: String
        public var rows: Int
        /// The last row's SHA-256 (hex).
        public var tip: String?
        /// The first row whose hash does not follow, as the server computes it.
        public var firstBrokenRow: Int?
    }

    /// Every journal row of the school this login may read, with what its hash covers, so
    /// that a third party can recompute the chain (docs/postgres-store.md, "Verifying an
    /// audit export"): hash = SHA-256(prev_hash bytes ‖ UTF-8 of `row_text`).
    public func exportAuditChain() throws -> AuditChainExport {
        let rows = try db.execute("""
            SELECT seq, rollcall.row_text(school, seq, at, author, body), encode(prev_hash, 'hex'), encode(hash, 'hex')
            FROM rollcall.journal WHERE school = $1 ORDER BY seq
            """, [schoolID])
        var text = ""
        var tip: String?
        for r in rows.rows {
            guard let seq = r[0], let rowText = r[1], let prev = r[2], let hash = r[3] else { continue }
            text += "{\"seq\":\(seq),\"row_text\":\(Self.jsonString(rowText)),\"prev_hash\":\"\(prev)\",\"hash\":\"\(hash)\"}\n"
            tip = hash
        }
        let broken = try db.execute("SELECT rollcall.first_broken_row($1)", [schoolID]).scalar.flatMap { Int($0) }
        return AuditChainExport(text: text, rows: rows.count, tip: tip, firstBrokenRow: broken)
    }
}
