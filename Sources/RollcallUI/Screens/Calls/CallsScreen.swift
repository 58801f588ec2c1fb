import Attendance

/// `:calls`: today's first-day calling list, worked from top to bottom. The selected
/// pupil's contacts are listed in calling order with what was tried today; one key logs
/// the outcome of a call to the chosen contact.
public struct CallsScreen: Sendable {
    public var entries: [CallEntry] = []
    public var cursor = ListCursor()
    /// The contact (index into the pupil's contacts) the next call is to.
    public var contact = 0
    var builtFor = -1

    init(_ state: AppState) { rebuild(state) }

    mutating func rebuild(_ state: AppState) {
        guard builtFor != state.schoolVersion else { return }
        builtFor = state.schoolVersion
        let selected = entries.indices.contains(cursor.selected) ? entries[cursor.selected].pupil.upn : nil
        entries = state.school.callingList(on: state.context.today)
        if let selected, let i = entries.firstIndex(where: { $0.pupil.upn == selected }) {
            cursor.selected = i
        } else {
            contact = nextContact(state)
        }
        cursor.clamp(count: entries.count, page: max(1, state.bodyHeight / 2))
        if let e = selectedEntry, !e.contacts.indices.contains(contact) { contact = 0 }
    }

    var selectedEntry: CallEntry? { entries.indices.contains(cursor.selected) ? entries[cursor.selected] : nil }

    /// The first contact nobody has called today, else the first.
    func nextContact(_ state: AppState) -> Int {
        guard let e = selectedEntry else { return 0 }
        let called = Set(e.triedToday.compactMap(\.contactName))
        return e.contacts.firstIndex { !called.contains($0.name) } ?? 0
    }

    /// The call outcome a key command logs.
    static func outcome(_ command: KeyCommand) -> ContactLogEntry.CallOutcome? {
        switch command {
        case .callNoAnswer: return .noAnswer
        case .callVoicemail: return .voicemail
        case .callSpoke: return .spoke
        case .callNumberNotInUse: return .numberNotInUse
        case .callRefused: return .refused
        default: return nil
        }
    }
}

extension AppState {
    mutating func openCalls() -> [Effect] {
        if let existing = screens.last(where: { $0.kind == .calls }) { push(existing, existing: true) } else { push(.calls(CallsScreen(self))) }
        return []
    }

    mutating func callsKey(_ key: Key, _ c: inout CallsScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .calls) else { return [] }
        // A digit chooses which contact the next call is to.
        if command == .chooseContact, case .char(let ch) = key, let n = ch.wholeNumberValue, let e = c.selectedEntry {
            guard n <= e.contacts.count else {
                status = StatusLine("\(e.pupil.knownAs) has \(plural(e.contacts.count, "contact"))", .warning)
                return []
            }
            c.contact = n - 1
            status = StatusLine("Calling \(e.contacts[n - 1].name) (\(e.contacts[n - 1].relationship))")
            return []
        }
        if let outcome = CallsScreen.outcome(command) {
            guard let e = c.selectedEntry else { return [] }
            guard e.contacts.indices.contains(c.contact) else {
                status = StatusLine("\(e.pupil.knownAs) has no contacts to call: add them to the pupil's record", .alert)
                return []
            }
            guard context.staff.may(.logContact) else {
                status = StatusLine("\(context.staff.role.rawValue) staff may not log calls", .warning)
                return []
            }
            overlay = .callOutcome(CallForm(upn: e.pupil.upn, contact: e.contacts[c.contact], outcome: outcome,
                                            openN: school.marksACallExplains(for: e.pupil.upn, upTo: context.today).count, opened: context.moment))
            return []
        }
        let before = c.cursor.selected
        if c.cursor.move(command, count: c.entries.count, page: max(1, bodyHeight / 2)) {
            if c.cursor.selected != before { c.contact = c.nextContact(self) }
            return []
        }
        if command == .open, let e = c.selectedEntry { return openPupil(e.pupil.upn) }
        if command == .logContact { return openLog(kind: .call, pupil: "") }
        return []
    }
}

extension CallsScreen: ScreenState {
    static let kind = ScreenKind.calls
    var asScreen: Screen { .calls(self) }
    static var commands: [AppCommand] {
        [AppCommand("calls", "Today's first-day calling list: call, log the outcome in one key") { s, _ in s.openCalls() }]
    }
    func title(in app: AppState) -> String {
        let untried = entries.filter { $0.triedToday.isEmpty }.count
        return "Calls · \(app.context.today.spoken) · \(plural(entries.count, "pupil")) absent with no reason · \(untried) not yet tried"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.callsKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawCalls(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
}
