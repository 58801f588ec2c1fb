import Attendance

extension AppState {
    /// `:log KIND [pupil]`: the pupil named, else the one on screen (a pupil's page, the
    /// calling list, the register), so logging from there never needs a UPN.
    mutating func openLog(kind: ContactLogEntry.Kind, pupil wanted: String) -> [Effect] {
        var upn: String?
        if !wanted.isEmpty {
            if school.pupils[wanted.uppercased()] != nil { upn = wanted.uppercased() } else {
                let needle = SearchKey.fold(wanted)
                let matches = school.roll.filter { SearchKey.of($0).contains(needle) }
                guard matches.count == 1 else {
                    status = StatusLine(matches.isEmpty ? "No pupil matches \"\(wanted)\"" : "\(matches.count) pupils match \"\(wanted)\": type more of the name", .warning)
                    return []
                }
                upn = matches[0].upn
            }
        } else {
            upn = pupilOnScreen
        }
        guard let upn else {
            status = StatusLine("Which pupil? Open their page first, or type :log \(LogForm.kindName(kind).split(separator: " ")[0]) NAME", .warning)
            return []
        }
        guard context.staff.may(kind == .meeting ? .recordMeetings : .logContact) else {
            status = StatusLine("\(context.staff.role.rawValue) staff may not record \(LogForm.kindName(kind))s", .warning)
            return []
        }
        push(.log(LogForm(upn: upn, kind: kind, staffName: context.staff.name, opened: context.moment)))
        return []
    }

    /// The pupil the screen on top is about, if any.
    var pupilOnScreen: String? {
        switch screen {
        case .pupil(let p): return p.upn
        case .calls(let c): return c.selectedEntry?.pupil.upn
        case .register(let r): return r.selectedUPN
        case .pupils(let p): return p.visible.indices.contains(p.cursor.selected) ? p.rows[p.visible[p.cursor.selected]].upn : nil
        default: return nil
        }
    }

    mutating func logKey(_ key: Key, _ f: inout LogForm) -> [Effect] {
        if f.confirmingDiscard {
            f.confirmingDiscard = false
            if key == .char("y") || key == .char("Y") {
                screens.removeLast()
                rebuildTopScreen()
                status = StatusLine("Nothing was logged")
            }
            return []
        }
        let fields = f.fields
        let at = fields.firstIndex(of: f.focus) ?? 0
        switch key {
        case .tab, .down:
            f.focus = fields[(at + 1) % fields.count]
        case .backTab, .up:
            f.focus = fields[(at + fields.count - 1) % fields.count]
        case .escape:
            if f.hasTypedText { f.confirmingDiscard = true } else {
                screens.removeLast()
                rebuildTopScreen()
            }
        case .ctrl("s"):
            return saveLog(&f)
        case .enter:
            if at == fields.count - 1 { return saveLog(&f) }
            f.focus = fields[at + 1]
        case .char(":") where !f.focus.isText:
            overlay = .commandLine(CommandPrompt(state: self))
        case .left, .right, .char(" ") where !f.focus.isText:
            guard !f.focus.isText else { _ = f.text[f.focus, default: TextField()].handle(key); return [] }
            let count = f.options(f.focus, pupil: school.pupils[f.upn]).count
            guard count > 0 else { return [] }
            let step = key == .left ? count - 1 : 1
            if f.focus == .kind {
                let i = LogForm.kinds.firstIndex(of: f.kind) ?? 0
                f.kind = LogForm.kinds[(i + step) % LogForm.kinds.count]
            } else {
                f.choice[f.focus] = ((f.choice[f.focus] ?? 0) + step) % count
            }
        default:
            if f.focus.isText { _ = f.text[f.focus, default: TextField()].handle(key) }
        }
        return []
    }

    mutating func saveLog(_ f: inout LogForm) -> [Effect] {
        let at = recordedMoment(f.opened)
        switch f.transaction(in: school, today: at.day, time: at.time) {
        case .failure(let problem):
            f.focus = problem.field
            status = StatusLine(problem.text, .warning)
            return []
        case .success(let t):
            status = StatusLine("Saving…")
            return send(t, for: .logEntry)
        }
    }
}

extension LogForm: ScreenState {
    static let kind = ScreenKind.log
    var asScreen: Screen { .log(self) }
    static var commands: [AppCommand] {
        let kinds: [(String, ContactLogEntry.Kind, String)] = [("call", .call, "a phone call"), ("visit", .homeVisit, "a home visit"),
                                                              ("meeting", .meeting, "a meeting"), ("letter", .letter, "a letter"), ("note", .note, "a note")]
        return [AppCommand("log", [.oneOf(kinds.map { .init($0.0, $0.2) }), .pupil(optional: true)],
                           "Log a contact (the pupil on screen if none is named)") { s, input in
                    guard let k = kinds.first(where: { $0.0 == input.choice })?.1 else {
                        s.status = StatusLine("Say what to log: :log call|visit|meeting|letter|note [pupil]", .warning)
                        return []
                    }
                    return s.openLog(kind: k, pupil: input.pupil)
                },
                AppCommand("save", "Save the form being filled in") { s, _ in
                    guard case .log(var f) = s.screen else {
                        s.status = StatusLine("There is no form to save here", .warning)
                        return []
                    }
                    let effects = s.saveLog(&f)
                    if case .log = s.screen { s.screen = .log(f) }
                    return effects
                }]
    }
    func title(in app: AppState) -> String {
        "Log a contact · \(app.school.pupils[upn].map { "\($0.fullName) (\($0.registrationGroup))" } ?? upn)"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.logKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawLog(self, &g, area) }
    // The form handles every key itself, Esc included.
    var isTyping: Bool { true }
}
