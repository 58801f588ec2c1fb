import Attendance

/// One class's register for one session, as the secretary takes it.
public struct RegisterScreen: Sendable {
    public var group: String
    public var session: Session
    /// The pupils on roll for this session, in register order.
    public var upns: [String]
    public var cursor = ListCursor()
    /// While finding a pupil by name: the text typed so far.
    public var search: TextField?
    /// The first key of a two-key code (C1, J1, Y4) while waiting for the second.
    public var codePrefix: Character?
    /// The ten open sessions before this one, oldest first, for each row's strip.
    public var recent: [Session]

    public init(group: String, session: Session, school: School) {
        self.group = group
        self.session = session
        upns = []
        recent = []
        reload(school)
    }

    mutating func reload(_ school: School) {
        let selectedUPN = upns.indices.contains(cursor.selected) ? upns[cursor.selected] : nil
        upns = school.onRoll(at: session, group: group).map(\.upn)
        recent = RegisterScreen.sessions(before: session, count: 10, in: school)
        if let selectedUPN, let i = upns.firstIndex(of: selectedUPN) { cursor.selected = i }
    }

    static func sessions(before session: Session, count: Int, in school: School) -> [Session] {
        let days = school.statistics.schoolDays
        var result: [Session] = []
        var s = Session(ordinal: session.ordinal - 1)
        var looked = 0
        while result.count < count && looked < 120 {
            if days.isOpen(s) { result.append(s) }
            s = Session(ordinal: s.ordinal - 1)
            looked += 1
        }
        return result.reversed()
    }

    public var selectedUPN: String? { upns.indices.contains(cursor.selected) ? upns[cursor.selected] : nil }

    /// Pupils with no mark yet (counting marks on their way to the store).
    func unmarked(in state: AppState) -> [String] {
        upns.filter { state.shownMark(for: $0, at: session) == nil }
    }

    /// The register the app opens first: the first class not yet fully marked this session.
    static func firstUnmarkedGroup(in school: School, session: Session) -> String? {
        let roll = school.onRoll(at: session)
        let marks = school.register.marks(at: session)
        return roll.first { marks[$0.upn] == nil }?.registrationGroup ?? roll.first?.registrationGroup
    }
}

extension AppState {
    /// The mark a row shows: one on its way to the store, else the register's.
    func shownMark(for upn: String, at session: Session) -> Mark? {
        for change in pending.values.sorted(by: { $0.attempts < $1.attempts }) {
            if let m = change.marks[upn], m.session == session { return m.mark }
        }
        return school.register.mark(for: upn, at: session)
    }

    /// True when a change to this pupil's mark has not reached the store.
    func unsavedProblem(for upn: String, at session: Session) -> String? {
        for change in pending.values {
            if let m = change.marks[upn], m.session == session { return change.problem ?? "" }
        }
        return nil
    }
}

extension RegisterScreen: ScreenState {
    static let kind = ScreenKind.register
    var asScreen: Screen { .register(self) }
    static var commands: [AppCommand] {
        [AppCommand("register", [.registrationGroup, .half], "Open a class's register for this morning or afternoon") { s, input in
             if input.group.isEmpty { return s.openRegister(group: nil, half: input.half) }
             guard let group = s.school.registrationGroups.first(where: { $0.lowercased() == input.group.lowercased() }) else {
                 s.status = StatusLine("No class \"\(input.group)\". Classes: \(s.school.registrationGroups.joined(separator: ", "))", .warning)
                 return []
             }
             return s.openRegister(group: group, half: input.half)
         },
         AppCommand("present-all", "Mark every pupil not yet marked present (on the register)") { s, _ in
             s.onRegister("present-all") { s, r in s.presentAll(&r) }
         },
         AppCommand("late", "Record a late arrival for the selected pupil (on the register)") { s, _ in
             s.onRegister("late") { s, r in s.openLateArrival(r) }
         },
         AppCommand("close", "Close the register; later changes are amendments with a reason") { s, _ in
             s.onRegister("close") { s, r in s.closeRegister(&r) }
         }]
    }

    func title(in app: AppState) -> String {
        let marked = upns.count - unmarked(in: app).count
        let closed = app.school.isClosed(group: group, session: session)
        let times = app.school.settings.registerTimes
        let closes = session.half == .am ? times.amCloses : times.pmCloses
        return "Register \(group) · \(session.half.label) \(session.date.spoken) · \(marked) of \(upns.count) marked · "
            + (closed ? "CLOSED: changes are amendments" : "closes at \(closes)")
    }

    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.registerKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawRegister(self, &g, area) }

    func footer(in app: AppState) -> [KeyBinding] {
        guard search != nil else { return Bindings.effective(on: .register).filter { $0.inFooter && $0.offered(to: app.context.staff) } }
        return [KeyBinding(.open, [.enter], "keep this pupil", "", [.register]), KeyBinding(.down, [.down], "next match", "", [.register]),
                KeyBinding(.back, [.escape], "stop finding", "", [.register])]
    }

    mutating func schoolChanged(in app: AppState) {
        reload(app.school)
        cursor.clamp(count: upns.count, page: app.registerPage)
    }

    var isTyping: Bool { search != nil || codePrefix != nil }
}
