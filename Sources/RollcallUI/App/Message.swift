import Attendance

/// Everything that can happen to the app, named for what happened. The driver turns key
/// presses, the clock and the store's answers into these; `update` is the only reader.
public enum Message: Sendable {
    case keyPressed(Key)
    /// Text pasted into the terminal (bracketed paste), whole: it goes into the focused text
    /// field and is never read as keys.
    case pasted(String)
    case windowResized(width: Int, height: Int)
    /// The minute changed, or the day at midnight: the school's date and time now, by the
    /// one clock the store uses too (the driver ticks at least once a minute).
    case clockTicked(date: SchoolDate, minutes: Int)
    /// Someone (another terminal, another login, a command) changed the store; this is the
    /// school as it now is on disk.
    case storeChangedOnDisk(School)
    /// The recent contact log has been read (after the first frame: it is the slow part of
    /// starting); this is the school with it.
    case contactLogRead(School)
    /// A change this app asked for is durable; the school includes it.
    case changeSaved(id: Int, School)
    /// The rules or a role refused the change; nothing was written.
    case changeRefused(id: Int, Refusal)
    /// The store could not be written (busy, disk full …); nothing was written and the app
    /// will try again.
    case changeNotSaved(id: Int, problem: String)
    /// A pupil's audit trail, and the school with the whole contact log read (the pupil
    /// page's chronology goes back further than Today needs).
    case historyLoaded(upn: String, [HistoryLine], School)
    case letterRendered(upn: String, template: String, text: String?, problem: String?)
    case reportWritten(paths: [String])
    case reportNotWritten(problem: String)
    /// There was no store, so the demo school was made: these lines welcome the newcomer on
    /// Today until they dismiss them.
    case firstRun(welcome: [String])
    /// The store opened, with something staff should know (a missing backup, say).
    case storeOpenedWithWarning(String)
    /// A change went through, and on the way the store warned of something else that failed
    /// (the daily backup, a compaction): the change is saved; staff should still know.
    case storeWarned(String)
    /// The contact log could not be read at start: Today's follow-ups are incomplete.
    case contactLogNotRead(problem: String)
    /// Someone else's changes could not be read from disk; the app keeps what it had.
    case othersChangesNotRead(problem: String)
    /// The trust's schools, read for `:trust`.
    case trustLoaded(TrustOverview)
    /// Some of the trust's schools (`--stores`), as they are read; the last completes the table.
    case trustPartRead(TrustPart)
    /// Time to read the trust's figures again (a database's, while `:trust` is open; and once
    /// at start when the login is staff at no school).
    case trustRefreshDue
    /// A school of the trust read for its page (the login is on its staff), with its row.
    case trustSchoolLoaded(TrustOverview.School)
    case trustSchoolNotLoaded(id: String, problem: String)
}

/// Why a change was refused, in the terms a screen acts on.
public struct Refusal: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case needsReason, notPermitted, conflict, invalid, notFound }
    public var kind: Kind
    public var message: String
    /// For a conflict: what the register holds now, and who put it there when.
    public var conflictNow: Mark?
    public var conflictBy: String?
    public var conflictAt: String?

    public init(kind: Kind, message: String, conflictNow: Mark? = nil, conflictBy: String? = nil, conflictAt: String? = nil) {
        self.kind = kind
        self.message = message
        self.conflictNow = conflictNow
        self.conflictBy = conflictBy
        self.conflictAt = conflictAt
    }
}

/// One line of a pupil's audit trail, as the store's history gives it: typed, so the pupil
/// page never has to read text back.
public struct HistoryLine: Hashable, Sendable {
    public enum What: Hashable, Sendable {
        /// A mark recorded: `from` is nil for a first mark (taken, or imported), which is not an amendment.
        case mark(Session, from: Mark?, to: Mark?)
        /// Any other change to the pupil's record.
        case otherChange
        /// Part of the trail (or the contact log) could not be read: shown, never left out.
        case unreadable(String)
    }

    public var at: String
    public var who: String
    public var what: What
    public var reason: String?

    /// A mark changed from one already there, with the reason given.
    public var isAmendment: Bool {
        if case .mark(_, let from, _) = what { return from != nil && reason != nil }
        return false
    }

    public init(at: String, who: String, what: What, reason: String?) {
        self.at = at
        self.who = who
        self.what = what
        self.reason = reason
    }
}
