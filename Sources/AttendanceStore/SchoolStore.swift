import Attendance

/// Where a school's records are kept: a directory (the file store, for one login) or a
/// school in a PostgreSQL database (several logins, several schools).
public enum StoreAddress: Hashable, Sendable, CustomStringConvertible {
    case directory(String)
    /// `url` as given (a libpq connection string or URI); `school` is the school's id there.
    case database(url: String, school: String)

    /// The store's directory; nil for a database. Output files may not be written inside it.
    public var directory: String? {
        if case .directory(let path) = self { return path }
        return nil
    }

    public var description: String {
        switch self {
        case .directory(let path): return path
        case .database(let url, let school): return "school \(school) in the database \(StoreAddress.withoutPassword(url))"
        }
    }

    /// A connection string as it may be shown: a password in it is replaced by "…".
    public static func withoutPassword(_ url: String) -> String {
        var shown = url
        // URI form: postgresql://user:secret@host/db
        if let scheme = shown.range(of: "://"), let at = shown[scheme.upperBound...].firstIndex(of: "@"),
           let colon = shown[scheme.upperBound..<at].firstIndex(of: ":") {
            shown.replaceSubrange(shown.index(after: colon)..<at, with: "…")
        }
        // key=value form: password=secret
        if let r = shown.range(of: "password=") {
            let end = shown[r.upperBound...].firstIndex(of: " ") ?? shown.endIndex
            shown.replaceSubrange(r.upperBound..<end, with: "…")
        }
        return shown
    }
}

/// One school's records, wherever they are kept: the file store (`Store`) or the PostgreSQL
/// store (`PostgresStore`). The commands and the app hold `any SchoolStore` and never ask
/// which. Both keep the same rules in the same order: every change is a `Transaction`,
/// checked by `School.check` against the school as it is now (others' changes caught up
/// first), recorded durably as one unit, or refused having recorded nothing.
public protocol SchoolStore: AnyObject {
    var address: StoreAddress { get }
    /// The school as this process last read it (see `refresh`).
    var school: School { get }
    /// Things worth telling the user that did not stop the store opening or a change.
    var warnings: [String] { get }
    /// The version of the school this process has: the seq of the last change applied.
    var lastSeq: Int { get }
    /// The process's one clock: the school's moment for every rule, the real instant for
    /// the audit trail (see `Clock`).
    var clock: Clock { get set }
    /// False where nothing can be changed (a backup copy, a read-only disk or database role).
    var isWritable: Bool { get }
    /// The last change this process recorded (for `undoLast`).
    var lastCommitted: Transaction? { get }

    /// The member of staff with this login, or a refusal that says what to do.
    func staffMember(login: String) throws -> StaffMember

    /// Records a transaction: catches up with others' changes, lets `revise` decide the
    /// change from the school as it is now, leaves out parts that change nothing, checks it
    /// with the domain's rules as `actor` and records it durably. Returns the transaction as
    /// recorded (nil: nothing changed); throws `ChangeRefused` having recorded nothing.
    func commit(_ transaction: Transaction, by actor: StaffMember,
                revise: (School, Transaction) throws -> Transaction) throws -> Transaction?

    /// `commit` for many marks held as columns (an import): the same steps; `revise` may
    /// change the marks and the reason. Returns the marks as recorded, each with the mark
    /// it replaced; nil when nothing changed.
    func commitMarks(_ marks: MarkColumns, reason: String?, origin: Transaction.Origin, by actor: StaffMember,
                     allowingAnyDate: Bool,
                     revise: (School, inout MarkColumns, inout String?) throws -> Void) throws -> MarkColumns?

    /// Undoes the last change this process made, if it was register marks nobody has
    /// changed since (an amendment whose reason says so).
    func undoLast(by actor: StaffMember) throws -> Transaction?

    /// True if another process or login may have changed the school since this one last
    /// looked. Cheap and never waits: the app asks it at every tick.
    func hasChanges() -> Bool
    /// Pulls in others' changes. Returns true if anything changed.
    func refresh() throws -> Bool

    /// Reads the years of marks `wanted` says (opening reads the newest two).
    func loadYears(where wanted: (AcademicYear) -> Bool) throws
    /// Reads the contact log: every year, or the years from `from` on.
    func loadContacts(from: SchoolDate?) throws

    /// Every recorded change, oldest first, with the words of sensitive entries where this
    /// login may read them, and whatever could not be read.
    func auditTrail() -> AuditTrail
}

extension SchoolStore {
    /// The school's date by the store's clock, in the school's time zone.
    public var today: SchoolDate { clock.moment(timeZone: school.settings.timeZone).date }

    /// The school's time of day by the store's clock (fixed by `--now` where that was given).
    public var timeOfDay: ClockTime { clock.moment(timeZone: school.settings.timeZone).time }

    /// The school's moment as the journal records it beside the real time, when they may differ.
    package var recordedMoment: String? { clock.recordedMoment(timeZone: school.settings.timeZone) }

    /// The store's directory (nil for a database): output files may not be written inside it.
    public var directory: String? { address.directory }

    @discardableResult
    public func commit(_ transaction: Transaction, by actor: StaffMember) throws -> Transaction? {
        try commit(transaction, by: actor) { _, t in t }
    }

    /// The commit itself; `precondition` runs on the caught-up school before the change is checked.
    func commit(_ transaction: Transaction, by actor: StaffMember, precondition: (School) throws -> Void) throws -> Transaction? {
        try commit(transaction, by: actor) { school, t in
            try precondition(school)
            return t
        }
    }

    /// Reads every year of marks the store holds (for history-wide statistics and export).
    public func loadAllYears() throws { try loadYears { _ in true } }

    /// Reads the years figures over `range` need, including the weeks before it that a
    /// rolling 10-school-week window can reach back into.
    public func loadYears(covering range: DateRange) throws {
        let from = min(range.start, range.end.adding(days: -200))
        try loadYears { $0.lastDay >= from && $0.firstDay <= range.end }
    }

    public func loadContacts() throws { try loadContacts(from: nil) }

    /// Every recorded change that concerns a pupil (marks, their record, case decisions and
    /// actions, the contact log, meetings, timetables, interventions, penalty notices),
    /// oldest first, with whatever could not be read.
    public func history(upn: String) -> AuditTrail {
        var trail = auditTrail()
        trail.entries.removeAll { $0.change.pupil != upn }
        return trail
    }

    /// Every recorded change that concerns the whole school rather than one pupil (settings,
    /// closed registers, the calendar, the staff list, the policy), oldest first.
    public func schoolHistory() -> AuditTrail {
        var trail = auditTrail()
        trail.entries.removeAll { $0.change.pupil != nil }
        return trail
    }

    /// Undoes the last change this process made (see the requirement): each mark goes back
    /// to what it was, as an amendment whose reason says so. Undoing again puts it back.
    package func undoingLast(by actor: StaffMember) throws -> Transaction? {
        guard let last = lastCommitted else { throw ChangeRefused(.invalid, "there is nothing to undo") }
        var marks: [MarkChange] = []
        for change in last.changes {
            // A leaver's case closed with the marks stays closed: the rule closed it, not them.
            if case .caseDecision(let d) = change, d.change.by == StageChange.byRollcall { continue }
            guard case .mark(let m) = change else {
                throw ChangeRefused(.invalid, "only register marks can be undone; put other records right with a new entry")
            }
            marks.append(m)
        }
        let what = marks.count == 1 ? "\(marks[0].upn) \(marks[0].session)" : "\(marks.count) marks"
        let undo = Transaction(marks.map { .mark(MarkChange(upn: $0.upn, session: $0.session, mark: $0.previous)) },
                               reason: "undo of the last change (\(what))", origin: .undo)
        return try commit(undo, by: actor) { school in
            for m in marks where school.register.mark(for: m.upn, at: m.session) != m.mark {
                throw ChangeRefused(.conflict, "\(m.upn) \(m.session) has been changed since (by another member of staff); it was not undone")
            }
        }
    }
}
