import Attendance

/// The whole app as a plain value: the school as last read, the screens open (the last is
/// on top), at most one overlay (command line, dialog, form), the status line, and the
/// changes sent to the store but not yet answered.
public struct AppState: Sendable {
    public var context: AppContext
    public var school: School
    public var width: Int
    public var height: Int
    public var screens: [Screen]
    public var overlay: Overlay?
    public var status: StatusLine?
    /// Changes sent and not yet saved, by id: shown on screen as pending, retried if the
    /// store could not be written, never dropped without saying so.
    public var pending: [Int: PendingChange] = [:]
    public var nextChangeID = 1
    /// Counts the school's changes, so a screen brought back knows whether it is out of date.
    public var schoolVersion = 0
    /// False until the driver has read the recent contact log (Today's follow-ups need it).
    public var contactLogRead: Bool
    /// Audit trails loaded for pupil pages.
    public var histories: [String: [HistoryLine]] = [:]
    /// The trust's schools, once the driver has read them for `:trust`.
    public var trust: TrustOverview?
    /// A `loadTrust` is under way: another is not asked for until its answer comes.
    public var trustLoading = false
    /// The latest read of the trust asked for (`loadTrust(generation:)`): parts of an older one are dropped.
    public var trustGeneration = 0
    /// A read of the stores that has brought some schools and not all: the table shows those,
    /// and how many are still to come, without a total.
    public var trustReading: TrustReading?
    /// Set by update when the app should end (the driver also gets `.quit`).
    public var quitting = false
    /// Ctrl-C was pressed with text typed in a form: a second one quits.
    public var discardAsked = false

    public init(context: AppContext, school: School, width: Int, height: Int, contactLogRead: Bool = true) {
        self.context = context
        self.contactLogRead = contactLogRead
        self.school = school
        self.width = width
        self.height = height
        screens = []
        if context.staffNowhere {
            // No school to show: the trust is the first screen (the driver asks for its figures).
            screens = [.trust(TrustScreen())]
            status = StatusLine("Reading the trust's figures…")
        } else {
            screens = [.today(TodayScreen(self))]
        }
    }

    public var screen: Screen {
        get { screens[screens.count - 1] }
        set { screens[screens.count - 1] = newValue }
    }

    /// The app needs this much room; smaller shows a message instead of screens.
    public static let minimumWidth = 80, minimumHeight = 24
    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// Rows between the header and the footer.
    public var bodyHeight: Int { max(0, height - 4) }
}

/// A status-line message: what just happened, or what went wrong.
public struct StatusLine: Hashable, Sendable {
    public var text: String
    public var tone: Tone

    public init(_ text: String, _ tone: Tone = .normal) {
        self.text = text
        self.tone = tone
    }
}

/// A change on its way to the store, and what to do with the answer.
public struct PendingChange: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case marks(group: String, session: Session)
        case closeRegister(group: String, session: Session)
        case settings
        /// A call (and the marks its reason amends).
        case contact
        /// An entry from the log form: the form closes once it is saved.
        case logEntry
        /// A case decision from the panel: then `next` (the case below it) is selected.
        case decision(next: CaseKey?)
        /// A penalty-notice request: the status line says the amount once it is recorded.
        case penaltyNotice(upn: String, parent: String)
        case undo
    }

    /// A pupil's case on one track.
    public struct CaseKey: Hashable, Sendable {
        public var upn: String
        public var track: String
    }

    public var transaction: Transaction?
    public var purpose: Purpose
    /// The store could not be written: the row says so and the change is sent again.
    public var problem: String?
    public var attempts = 1

    /// Pupils whose row shows this change while it is on its way.
    public var marks: [String: MarkChange] {
        var result: [String: MarkChange] = [:]
        for case .mark(let m) in transaction?.changes ?? [] { result[m.upn] = m }
        return result
    }
}

/// What sits over the screen and takes the keys until it is done.
public enum Overlay: Sendable {
    case commandLine(CommandPrompt)
    case dialog(Dialog)
    case lateArrival(LateArrivalForm)
    case registerTimes(RegisterTimesForm)
    case callOutcome(CallForm)
    case penalty(PenaltyForm)
}
