import Attendance

/// What every screen is: its state, its keys, its view, its title and its footer. A screen
/// conforms to this in its own folder; `Screen` below is the one list of them, so adding a
/// screen touches three places (docs/architecture.md, "Adding a screen").
protocol ScreenState: CommandSource {
    /// Which screen it is, for the key table (`Bindings.all`) and help.
    static var kind: ScreenKind { get }
    /// The screen as the app keeps it.
    var asScreen: Screen { get }
    /// The line under the header.
    func title(in app: AppState) -> String
    /// A key the screen has (the app's own keys, overlays and forms went first).
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect]
    /// Draws the body between the header and the status line. Pure.
    func draw(in app: AppState, into g: inout Grid, _ area: Area)
    /// The footer's hints; by default the screen's keys in the table, then the global ones.
    func footer(in app: AppState) -> [KeyBinding]
    /// The school changed while this screen is on top: rebuild what it derived from it.
    mutating func schoolChanged(in app: AppState)
    /// A text box on the screen has the keys (finding a pupil), so `q` or `:` are typed.
    var isTyping: Bool { get }
}

extension ScreenState {
    static var commands: [AppCommand] { [] }
    func footer(in app: AppState) -> [KeyBinding] {
        Bindings.effective(on: Self.kind).filter { $0.inFooter && $0.offered(to: app.context.staff) }
    }
    mutating func schoolChanged(in app: AppState) {}
    var isTyping: Bool { false }
}

/// The screens, each with its own state. The one list: a case here, its line in `content`,
/// its type in `registry` and its `ScreenKind`.
public enum Screen: Sendable {
    case today(TodayScreen)
    case register(RegisterScreen)
    case calls(CallsScreen)
    case log(LogForm)
    case panel(PanelScreen)
    case letters(LettersScreen)
    case reports(ReportsScreen)
    case pupils(PupilsScreen)
    case pupil(PupilScreen)
    case report(AbsenteeReport)
    case help(HelpScreen)
    case trust(TrustScreen)
    case trustSchool(TrustSchoolScreen)

    var content: any ScreenState {
        switch self {
        case .today(let s): return s
        case .register(let s): return s
        case .calls(let s): return s
        case .log(let s): return s
        case .panel(let s): return s
        case .letters(let s): return s
        case .reports(let s): return s
        case .pupils(let s): return s
        case .pupil(let s): return s
        case .report(let s): return s
        case .help(let s): return s
        case .trust(let s): return s
        case .trustSchool(let s): return s
        }
    }

    /// Every screen type, in the order their `:` commands are listed.
    static let registry: [any ScreenState.Type] = [
        TodayScreen.self, RegisterScreen.self, AbsenteeReport.self, CallsScreen.self, LogForm.self, PanelScreen.self,
        ReportsScreen.self, PupilsScreen.self, PupilScreen.self, LettersScreen.self, TrustScreen.self, TrustSchoolScreen.self, HelpScreen.self,
    ]

    public var kind: ScreenKind { type(of: content).kind }

    /// Rebuilds what the screen derived from the school, keeping its place.
    mutating func schoolChanged(in state: AppState) {
        var c = content
        c.schoolChanged(in: state)
        self = c.asScreen
    }

    /// A text box on the screen has the keys (finding a pupil).
    var isTyping: Bool { content.isTyping }
}

/// Which screen a binding belongs to; `.everywhere` bindings work on every screen.
public enum ScreenKind: String, CaseIterable, Hashable, Sendable {
    case everywhere, today, register, calls, pupils, pupil, panel, letters, report, reports, log, help, trust, trustSchool
    // Forms and dialogs over a screen: they take every key, so the keys everywhere do not apply.
    case commandLine, lateArrival, callForm, penaltyForm, registerTimes, amendment, conflict, unmarked, decision, discard, welcome

    /// A form or dialog over a screen rather than a screen.
    public var isOverlay: Bool { ScreenKind.overlays.contains(self) }
    /// Every key goes to it (a form or dialog, or the log form): the keys everywhere do not apply.
    public var takesEveryKey: Bool { isOverlay || self == .log }
    public static let overlays: [ScreenKind] = [.commandLine, .lateArrival, .callForm, .penaltyForm, .registerTimes, .amendment, .conflict, .unmarked, .decision, .discard, .welcome]

    public var title: String {
        switch self {
        case .everywhere: return "Everywhere"
        case .today: return "Today"
        case .register: return "Register"
        case .calls: return "Calls"
        case .log: return "Log a contact"
        case .panel: return "Panel"
        case .letters: return "Letters"
        case .reports: return "Reports"
        case .pupils: return "Pupils"
        case .pupil: return "Pupil"
        case .report: return "Absentee report"
        case .help: return "Help"
        case .trust: return "Trust"
        case .trustSchool: return "Trust school"
        case .commandLine: return "The : command line"
        case .lateArrival: return "Late arrival form"
        case .callForm: return "Call form"
        case .penaltyForm: return "Penalty notice form"
        case .registerTimes: return "Register times form"
        case .amendment: return "Amendment reason"
        case .conflict: return "Changed by someone else"
        case .unmarked: return "Closing with pupils unmarked"
        case .decision: return "Panel decision reason"
        case .discard: return "Throw away what you typed?"
        case .welcome: return "First-run welcome"
        }
    }
}

