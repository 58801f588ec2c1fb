import Attendance

/// `:panel`, the head's caseload: every open case and every recommendation, most urgent
/// first, each with its figures now and at the last review. Deciding is Enter (confirm) or
/// one key for another decision, then the reason.
public struct PanelScreen: Sendable {
    public struct Row: Hashable, Sendable {
        public var recommendation: Recommendation
        public var pupil: Pupil
        /// Attendance at the last decision or review on this track, if any.
        public var atLastReview: Double?
        public var lastReviewOn: SchoolDate?
        public var urgency: CaseUrgency
    }

    public var rows: [Row] = []
    public var visible: [Int] = []
    public var cursor = ListCursor()
    public var track: String?
    public var stage: String?
    public var group: String?
    /// `/`: a name or UPN to find; while `finding`, letters go into it and decide nothing.
    public var find = TextField()
    public var finding = false
    /// The next panel meeting and who is due at it: worked out with the rows, not at every frame.
    public var nextPanel: PanelMeetingDue?
    var builtFor = -1

    init(_ state: AppState) { rebuild(state) }

    mutating func rebuild(_ state: AppState) {
        guard builtFor != state.schoolVersion else { return }
        builtFor = state.schoolVersion
        let selected = selectedRow.map { ($0.pupil.upn, $0.recommendation.track) }
        rows = PanelScreen.rows(state)
        nextPanel = state.school.nextPanel(onOrAfter: state.context.today)
        refilter()
        if let (upn, track) = selected, let i = visible.firstIndex(where: { rows[$0].pupil.upn == upn && rows[$0].recommendation.track == track }) {
            cursor.selected = i
        }
        cursor.clamp(count: visible.count, page: max(1, state.bodyHeight / 2))
    }

    /// Most urgent first, in the domain's order (`CaseUrgency`), as `rollcall caseload` lists them.
    static func rows(_ state: AppState) -> [Row] {
        guard let engine = CaseworkEngine(school: state.school, asOf: state.context.today) else { return [] }
        return engine.caseloadMostUrgentFirst().compactMap { r in
            guard let pupil = state.school.pupils[r.upn] else { return nil }
            let last = state.school.casework.caseFile(r.upn, track: r.track)?.lastReview
            return Row(recommendation: r, pupil: pupil, atLastReview: last?.figures.attendancePercent, lastReviewOn: last?.on,
                       urgency: CaseUrgency(r))
        }
    }

    mutating func refilter() {
        let needle = SearchKey.fold(find.text)
        visible = rows.indices.filter { i in
            let r = rows[i]
            return (track == nil || r.recommendation.track == track) && (stage == nil || r.recommendation.stage == stage)
                && (group == nil || r.pupil.registrationGroup == group)
                && (needle.isEmpty || SearchKey.of(r.pupil).contains(needle))
        }
    }

    var selectedRow: Row? { visible.indices.contains(cursor.selected) ? rows[visible[cursor.selected]] : nil }

    /// The move that confirms what the engine recommends.
    static func confirming(_ r: Recommendation) -> (move: CaseMove, to: String?) {
        switch r.kind {
        case .enter, .escalate: return (.advance, r.recommendedStage)
        case .stepDown: return (.stepDown, r.recommendedStage)
        case .close: return (.close, nil)
        case .hold: return (.hold, nil)
        case .reviewDue, .actionOverdue: return (.review, nil)
        }
    }

    /// What the engine recommends, in words, with the policy's stage names: "enter Step 1",
    /// "escalate to Step 2" …
    static func recommends(_ r: Recommendation, policy: Policy?) -> String {
        let c = confirming(r)
        let to = c.to.map { policy?.shortStageName($0, track: r.track) ?? $0 }
        if r.kind == .enter { return "enter" + (to.map { " \($0)" } ?? "") }
        if r.kind == .actionOverdue { return "chase the overdue action" }
        return words(c.move, to: to)
    }

    static func words(_ move: CaseMove, to stage: String?) -> String {
        let name: String
        switch move {
        case .advance: name = "escalate"
        case .hold: name = "hold"
        case .stepDown: name = "step down"
        case .review: name = "review (stay at this stage)"
        case .close: name = "close"
        }
        return name + (stage.map { " to \($0)" } ?? "")
    }
}

extension AppState {
    mutating func openPanel() -> [Effect] {
        guard school.casework.policy != nil else {
            status = StatusLine("No attendance policy is in use: the head chooses one with `rollcall policy use ID`", .warning)
            return []
        }
        if let existing = screens.last(where: { $0.kind == .panel }) { push(existing, existing: true) } else { push(.panel(PanelScreen(self))) }
        return []
    }

    mutating func panelKey(_ key: Key, _ p: inout PanelScreen) -> [Effect] {
        // Finding: every printable key goes into the box; Enter keeps the pupils found, Esc
        // stops finding and shows everyone again.
        if p.finding {
            switch key {
            case .enter: p.finding = false
            case .escape: p.finding = false; p.find = TextField()
            default: _ = p.find.handle(key)
            }
            p.refilter()
            p.cursor.clamp(count: p.visible.count, page: max(1, bodyHeight / 2))
            status = p.finding ? StatusLine("Find: \(p.find.text) · \(plural(p.visible.count, "case")) (Enter keeps them, Esc shows all)") : nil
            return []
        }
        guard let command = Bindings.command(for: key, on: .panel) else { return [] }
        if p.cursor.move(command, count: p.visible.count, page: max(1, bodyHeight / 2)) { return [] }
        func cycle<T: Equatable>(_ current: T?, _ all: [T]) -> T? {
            guard let c = current, let i = all.firstIndex(of: c) else { return all.first }
            return i + 1 < all.count ? all[i + 1] : nil
        }
        switch command {
        case .search:
            p.finding = true
            status = StatusLine("Find: type part of a name or UPN (Enter keeps the cases found, Esc shows all)")
            return []
        case .filterTrack: p.track = cycle(p.track, school.casework.policy?.tracks.map(\.id) ?? [])
        case .filterStage:
            let stages = school.casework.policy?.tracks.filter { p.track == nil || $0.id == p.track }.flatMap { $0.stages.map(\.id) } ?? []
            p.stage = cycle(p.stage, stages)
        case .filterClass: p.group = cycle(p.group, school.registrationGroups)
        case .clearFilters: p.track = nil; p.stage = nil; p.group = nil; p.find = TextField()
        case .openPupil:
            if let r = p.selectedRow { return openPupil(r.pupil.upn) }
            return []
        case .open, .decideEscalate, .decideHold, .decideStepDown, .decideClose:
            guard let row = p.selectedRow else { return [] }
            guard context.staff.may(.decideAtPanel) else {
                status = StatusLine("\(context.staff.role.rawValue.capitalized) staff may not decide at the attendance panel", .warning)
                return []
            }
            let r = row.recommendation
            let policy = school.casework.policy
            let chosen: (move: CaseMove, to: String?)
            switch command {
            case .decideEscalate: chosen = (.advance, nil)
            case .decideHold: chosen = (.hold, nil)
            case .decideStepDown: chosen = (.stepDown, nil)
            case .decideClose: chosen = (.close, nil)
            default: chosen = PanelScreen.confirming(r)
            }
            let confirming = command == .open
            overlay = .dialog(Dialog(.decision(upn: r.upn, track: r.track, move: chosen.move, to: chosen.to),
                                     title: "\(confirming ? "Confirm" : "Decide"): \(confirming ? PanelScreen.recommends(r, policy: policy) : PanelScreen.words(chosen.move, to: chosen.to.map { policy?.shortStageName($0, track: r.track) ?? $0 }))",
                                     lines: ["\(row.pupil.fullName), \(r.track.replacingOccurrences(of: "_", with: " ")) track, now at \(r.stage.map { policy?.stageName($0, track: r.track) ?? $0 } ?? "no stage")",
                                             confirming ? "As the policy recommends." : "The policy recommended: \(PanelScreen.recommends(r, policy: policy)).",
                                             "", "Why? (kept with the decision and the figures it was made on)"],
                                     field: TextField(), keys: .decision))
            return []
        case .writeLetter:
            guard let row = p.selectedRow else { return [] }
            return openLetters(row.pupil.upn)
        case .requestPenalty:
            guard let row = p.selectedRow else { return [] }
            return openPenalty(row.pupil.upn)
        default: break
        }
        p.refilter()
        p.cursor.clamp(count: p.visible.count, page: max(1, bodyHeight / 2))
        // A filter key never acts silently: the status line says what is shown now.
        if [.filterTrack, .filterStage, .filterClass, .clearFilters].contains(command) {
            let shown = [p.track.map { "the \($0.replacingOccurrences(of: "_", with: " ")) track" }, p.stage.map { "stage \($0)" },
                         p.group.map { "class \($0)" }].compactMap { $0 }
            status = StatusLine(shown.isEmpty ? "Showing every case" : "Showing only the cases on \(shown.joined(separator: ", ")): \(plural(p.visible.count, "case")) (z shows all)")
        }
        return []
    }

    /// Records a decision typed in the dialog; the panel then moves to the next case.
    mutating func recordDecision(upn: String, track: String, move: CaseMove, to stage: String?, reason: String) -> [Effect] {
        guard let engine = CaseworkEngine(school: school, asOf: context.today) else { return [] }
        do {
            let d = try engine.decisionFor(upn: upn, track: track, move: move, to: stage, reason: reason, on: context.today)
            // Once it is recorded, the next case is the one below it now.
            var next: PendingChange.CaseKey?
            if case .panel(let p) = screen, p.visible.indices.contains(p.cursor.selected + 1) {
                let row = p.rows[p.visible[p.cursor.selected + 1]]
                next = PendingChange.CaseKey(upn: row.pupil.upn, track: row.recommendation.track)
            }
            return send(Transaction([.caseDecision(d)], reason: reason), for: .decision(next: next))
        } catch {
            status = StatusLine("Not recorded: \(error.message)", .alert)
            return []
        }
    }
}

extension PanelScreen: ScreenState {
    static let kind = ScreenKind.panel
    var asScreen: Screen { .panel(self) }
    static var commands: [AppCommand] {
        [AppCommand("panel", "The attendance panel: every case and recommendation, decide with a reason (the head)") { s, _ in s.openPanel() }]
    }
    func title(in app: AppState) -> String {
        let filters = [track.map { "track \($0)" }, stage.map { "stage \($0)" }, group.map { "class \($0)" },
                       find.isEmpty ? nil : "\"\(find.text)\""].compactMap { $0 }
        return "Panel · \(app.context.today.spoken) · \(plural(visible.count, "case"))" + (filters.isEmpty ? "" : " · " + filters.joined(separator: ", ")) + " · most urgent first"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.panelKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawPanel(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
    var isTyping: Bool { finding }
}
