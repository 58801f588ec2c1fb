import Attendance

/// The `:` prompt: a line to type a command into, with the matching commands listed below
/// it like a palette and Tab to complete a command, a class or a pupil's name.
public struct CommandPrompt: Sendable {
    public var field = TextField()
    /// Commands (or arguments) that match what is typed, for the palette.
    public var suggestions: [Suggestion] = []
    public var selected = 0
    /// Class names and pupils, for completing arguments.
    let groups: [String]

    public struct Suggestion: Hashable, Sendable {
        /// What Tab puts on the line.
        public var completion: String
        public var label: String
        public var detail: String
    }

    init(state: AppState) {
        groups = state.school.registrationGroups
        refresh(state)
    }

    mutating func refresh(_ state: AppState) {
        let text = field.text
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        selected = 0
        if words.count <= 1 {
            let typed = (words.first ?? "").lowercased()
            suggestions = AppCommand.all.filter { $0.name.hasPrefix(typed) }.map {
                Suggestion(completion: $0.name + ($0.arguments.isEmpty ? "" : " "), label: $0.usage, detail: $0.summary)
            }
            return
        }
        let command = words[0].lowercased()
        let rest = words.dropFirst().joined(separator: " ")
        switch command {
        case "register":
            if words.count == 2 {
                suggestions = groups.filter { $0.lowercased().hasPrefix(rest.lowercased()) }.map {
                    Suggestion(completion: "register \($0) ", label: $0, detail: "register for \(state.context.currentHalf.label); add PM or AM for the other")
                }
            } else {
                suggestions = ["AM", "PM"].filter { $0.lowercased().hasPrefix(words.last!.lowercased()) }.map {
                    Suggestion(completion: "register \(words[1]) \($0)", label: $0, detail: $0 == "AM" ? "the morning register" : "the afternoon register")
                }
            }
        case "pupil":
            let needle = SearchKey.fold(rest)
            guard !needle.isEmpty else { suggestions = []; return }
            suggestions = state.school.roll.lazy.filter { SearchKey.of($0).contains(needle) }.prefix(8).map {
                Suggestion(completion: "pupil \($0.upn)", label: "\($0.fullName)", detail: "\($0.registrationGroup) · \($0.upn)")
            }
        case "report":
            suggestions = ["absentees"].filter { $0.hasPrefix(rest.lowercased()) }.map {
                Suggestion(completion: "report \($0) ", label: $0, detail: "everyone absent or late this session")
            }
        default:
            suggestions = []
        }
    }
}

extension AppState {
    mutating func commandPromptKey(_ key: Key, _ p: inout CommandPrompt) -> [Effect] {
        switch Bindings.command(for: key, on: .commandLine) {
        case .cancel?:
            overlay = nil
            return []
        case .complete?:
            if p.suggestions.indices.contains(p.selected) {
                p.field = TextField(p.suggestions[p.selected].completion)
                p.refresh(self)
            }
            return []
        case .down? where key == .up:
            p.selected = max(0, p.selected - 1)
            return []
        case .down?:
            p.selected = min(max(0, p.suggestions.count - 1), p.selected + 1)
            return []
        case .open?:
            var line = p.field.text.trimmingSpaces()
            // Enter on a bare prefix runs the command picked in the palette.
            if !line.contains(" "), !AppCommand.all.contains(where: { $0.name == line.lowercased() }),
               p.suggestions.indices.contains(p.selected) {
                line = p.suggestions[p.selected].completion.trimmingSpaces()
            }
            overlay = nil
            return run(command: line)
        default:
            if p.field.handle(key) { p.refresh(self) }
            return []
        }
    }

    /// Runs one `:` command line.
    public mutating func run(command line: String) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        let args = Array(words.dropFirst())
        switch name {
        case "today": return openToday()
        case "register":
            var half: SessionHalf?
            var groupWords = args
            let groups = school.registrationGroups
            let isClass = { (w: String) in groups.contains { $0.lowercased() == w.lowercased() } }
            if let last = args.last, let h = SessionHalf(label: last), args.count > 1 || !isClass(last) {
                half = h
                groupWords.removeLast()
            }
            let wanted = groupWords.joined(separator: " ")
            if wanted.isEmpty { return openRegister(group: nil, half: half) }
            guard let group = school.registrationGroups.first(where: { $0.lowercased() == wanted.lowercased() }) else {
                status = StatusLine("No class \"\(wanted)\". Classes: \(school.registrationGroups.joined(separator: ", "))", .warning)
                return []
            }
            return openRegister(group: group, half: half)
        case "present-all", "close", "late":
            guard case .register(var r) = screen else {
                status = StatusLine(":\(name) works on a register: open one with :register CLASS", .warning)
                return []
            }
            let effects: [Effect]
            switch name {
            case "present-all": effects = presentAll(&r)
            case "close": effects = closeRegister(&r)
            default: effects = openLateArrival(r)
            }
            if case .register = screen { screen = .register(r) }
            return effects
        case "report":
            guard args.first?.lowercased() == "absentees" else {
                status = StatusLine("Reports: :report absentees [AM|PM]", .warning)
                return []
            }
            let half = args.dropFirst().first.flatMap(SessionHalf.init(label:)) ?? context.currentHalf
            push(.report(AbsenteeReport(session: Session(context.today, half), state: self)))
            return []
        case "pupils": return openPupils()
        case "calls": return openCalls()
        case "panel": return openPanel()
        case "reports": return openReports()
        case "trust": return openTrust()
        case "log":
            let kinds: [String: ContactLogEntry.Kind] = ["call": .call, "visit": .homeVisit, "meeting": .meeting, "letter": .letter, "note": .note]
            guard let k = args.first.flatMap({ kinds[$0.lowercased()] }) else {
                status = StatusLine("Say what to log: :log call|visit|meeting|letter|note [pupil]", .warning)
                return []
            }
            return openLog(kind: k, pupil: args.dropFirst().joined(separator: " "))
        case "save":
            guard case .log(var f) = screen else {
                status = StatusLine("There is no form to save here", .warning)
                return []
            }
            let effects = saveLog(&f)
            if case .log = screen { screen = .log(f) }
            return effects
        case "pupil":
            let wanted = args.joined(separator: " ")
            if let p = school.pupils[wanted.uppercased()] { return openPupil(p.upn) }
            let needle = SearchKey.fold(wanted)
            let matches = needle.isEmpty ? [] : school.roll.filter { SearchKey.of($0).contains(needle) }
            if matches.count == 1 { return openPupil(matches[0].upn) }
            if matches.isEmpty {
                status = StatusLine("No pupil matches \"\(wanted)\"", .warning)
                return []
            }
            var list = PupilsScreen(self)
            list.search = TextField(wanted)
            list.refilter()
            push(.pupils(list))
            status = StatusLine("\(matches.count) pupils match \"\(wanted)\": choose one and press Enter")
            return []
        case "settings": return openRegisterTimes()
        case "help": push(.help(HelpScreen(for: screen.kind, state: self))); return []
        case "quit", "q": return quit()
        default:
            status = StatusLine("Unknown command :\(name). Type : and look at the list, or press ? for help", .warning)
            return []
        }
    }
}
