import Attendance

/// A question over the screen: a reason for an amendment, what to do about someone else's
/// change, the pupils still unmarked before a close. It takes every key until answered.
public struct Dialog: Sendable {
    public enum Purpose: Sendable {
        /// The change is an amendment: it is sent again with the reason typed.
        case amendmentReason(Transaction, PendingChange.Purpose)
        /// Someone else changed the mark meanwhile: `y` sends ours over theirs.
        case conflict(Transaction, PendingChange.Purpose)
        /// Closing with pupils unmarked: Enter goes to the first; `n` marks them N and closes.
        case unmarkedBeforeClose(group: String, session: Session, upns: [String])
        /// Leaving the late-arrival form with typed text.
        case discardLateArrival(LateArrivalForm)
        /// Leaving a call with a note or reason typed.
        case discardCall(CallForm)
        /// A panel decision waiting for its reason.
        case decision(upn: String, track: String, move: CaseMove, to: String?)
        /// The first-run welcome: Enter or Esc dismisses it.
        case welcome
    }

    public var purpose: Purpose
    public var title: String
    public var lines: [String]
    /// A line of text to type (the reason), if the dialog asks for one.
    public var field: TextField?
    /// Which keys the dialog takes (a form in the key table); its hints are made from them.
    public var keys: ScreenKind
    public var hints: String { Bindings.hints(for: keys) }
    /// Esc was pressed with text typed: the next key confirms throwing it away.
    public var confirmingDiscard = false
    /// `n` was pressed on the unmarked list: y marks them all N and closes, any other key does not.
    public var confirmingMarkN = false

    public init(_ purpose: Purpose, title: String, lines: [String], field: TextField? = nil, keys: ScreenKind) {
        self.purpose = purpose
        self.title = title
        self.lines = lines
        self.field = field
        self.keys = keys
    }
}
