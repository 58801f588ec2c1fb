/// One change to the school's records. Every change is recorded in the journal with who
/// made it and when, and applying the same change twice leaves the same state.
/// The large records are `indirect`, so that an import of half a million marks does not
/// carry the size of a policy in every one.
public enum Change: Hashable, Sendable {
    case mark(MarkChange)
    indirect case pupil(Pupil)
    indirect case calendar(SchoolCalendar?)
    case staff(StaffMember)
    case staffRemoved(login: String)
    indirect case policy(Policy)
    indirect case caseDecision(CaseDecision)
    case actionDone(ActionDone)
    indirect case contact(ContactLogEntry)
    indirect case meeting(Meeting)
    indirect case timetable(PartTimeTimetable)
    indirect case intervention(Intervention)
    indirect case penaltyNotice(PenaltyNoticeRequest)
    indirect case settings(SchoolSettings)
    case registerClosed(RegisterClosure)
}

/// A mark set (or cleared) in one session, with the mark it replaced.
public struct MarkChange: Hashable, Sendable {
    public var upn: String
    public var session: Session
    public var mark: Mark?
    /// What the register held before; filled in by the store under its lock.
    public var previous: Mark?
    /// What the screen showed when the member of staff typed this. If the register holds
    /// something else by the time it is committed (someone changed it meanwhile), the change
    /// is refused as a `.conflict`. nil: no expectation (commands, imports). Not journalled.
    public var shown: ShownMark?

    public init(upn: String, session: Session, mark: Mark?, previous: Mark? = nil, shown: ShownMark? = nil) {
        self.upn = upn
        self.session = session
        self.mark = mark
        self.previous = previous
        self.shown = shown
    }

    /// The change replaces a different mark. Whether it needs a reason (is a register
    /// amendment) depends on the day and the close: see `School.needsReason(_:today:)`.
    public var isAmendment: Bool { previous != nil && previous != mark }
}

/// What a screen showed in a register cell: no mark, or a mark.
public enum ShownMark: Hashable, Sendable {
    case none
    case mark(Mark)

    public init(_ mark: Mark?) { self = mark.map(ShownMark.mark) ?? .none }

    public var mark: Mark? {
        if case .mark(let m) = self { return m }
        return nil
    }
}

/// A member of staff's decision on a case: enter a stage, escalate, hold, step down, close
/// or record a review. Staff confirm or override the engine's recommendation; the engine
/// never decides by itself.
public struct CaseDecision: Hashable, Sendable, Codable {
    public var upn: String
    public var track: String
    public var change: StageChange
    public var nextReview: SchoolDate?
    /// The actions the new stage calls for (ids filled in when recorded).
    public var newActions: [CaseAction]

    public init(upn: String, track: String, change: StageChange, nextReview: SchoolDate?, newActions: [CaseAction]) {
        self.upn = upn
        self.track = track
        self.change = change
        self.nextReview = nextReview
        self.newActions = newActions
    }
}

/// An open action marked done.
public struct ActionDone: Hashable, Sendable, Codable {
    public var upn: String
    public var track: String
    public var actionId: String
    public var on: SchoolDate
    public var by: String

    public init(upn: String, track: String, actionId: String, on: SchoolDate, by: String = "") {
        self.upn = upn
        self.track = track
        self.actionId = actionId
        self.on = on
        self.by = by
    }
}

/// Changes made together by one member of staff, for one reason: a single mark, or a
/// whole imported file.
public struct Transaction: Hashable, Sendable {
    public var changes: [Change]
    /// Required for amendments; also the note shown in the audit trail.
    public var reason: String?
    public var origin: Origin
    /// A mark outside the school's years (`School.yearsForMarks`) is meant: `--allow-date`,
    /// with a reason. Checked when the change is made; not kept in the journal.
    public var allowingAnyDate = false

    public enum Origin: Hashable, Sendable {
        case staff
        /// An import may carry pre-2024 codes; staff typing marks may not.
        case importFile(String)
        case migration
        /// Undoing a change puts back what was there, pre-2024 codes included.
        case undo
    }

    public init(_ changes: [Change], reason: String? = nil, origin: Origin = .staff) {
        self.changes = changes
        self.reason = reason
        self.origin = origin
    }
}

/// Why a change was refused: shown to the member of staff as it is. `kind` lets a screen
/// tell "ask for a reason" from "not allowed" without reading the text.
public struct ChangeRefused: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// An amendment (or decision) that needs a reason: ask for one and try again.
        case needsReason
        /// The member's role does not allow it (or they are not on the staff list).
        case notPermitted
        /// Someone else changed what the screen showed since it was drawn (see `conflict`).
        case conflict
        /// A value the rules do not accept.
        case invalid
        /// No such pupil, action, staff member, track or template.
        case notFound
    }

    public var kind: Kind
    public var message: String
    /// For `.conflict`: what the register holds now and who changed it.
    public var conflict: MarkConflict?

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// A mark someone else changed after the screen showed it: what it is now, who, and when.
public struct MarkConflict: Hashable, Sendable {
    public var upn: String
    public var session: Session
    public var now: Mark?
    /// The member of staff's name ("another member of staff" when this process did not see it).
    public var byName: String
    /// When, as the journal's ISO timestamp ("" when unknown).
    public var at: String

    public init(upn: String, session: Session, now: Mark?, byName: String, at: String) {
        self.upn = upn
        self.session = session
        self.now = now
        self.byName = byName
        self.at = at
    }
}
