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
        let words = field.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        selected = 0
        if words.count <= 1 {
            let typed = (words.first ?? "").lowercased()
            suggestions = AppCommand.available(staffNowhere: state.context.staffNowhere).filter { $0.name.hasPrefix(typed) }.map {
                Suggestion(completion: $0.name + ($0.arguments.isEmpty ? "" : " "), label: $0.usage, detail: $0.summary)
            }
            return
        }
        // The argument being typed: each before it takes one word, a name the rest of the line.
        guard let command = AppCommand.all.first(where: { $0.name == words[0].lowercased() }) else { suggestions = []; return }
        let args = Array(words.dropFirst())
        var position = 0
        for (i, argument) in command.arguments.enumerated() {
            if argument.takesTheRest || position == args.count - 1 {
                let typed = argument.takesTheRest ? args[position...].joined(separator: " ") : args[position]
                let before = ([command.name] + args[..<position]).joined(separator: " ") + " "
                let more = i < command.arguments.count - 1 ? " " : ""
                suggestions = CommandPrompt.completions(of: argument, typed: typed, state: state).map {
                    Suggestion(completion: before + $0.completion + more, label: $0.label, detail: $0.detail)
                }
                return
            }
            position += 1
        }
        suggestions = []
    }

    /// What Tab offers for one argument, from its kind.
    static func completions(of argument: CommandArgument, typed: String, state: AppState) -> [Suggestion] {
        switch argument {
        case .registrationGroup:
            return state.school.registrationGroups.filter { $0.lowercased().hasPrefix(typed.lowercased()) }.map {
                Suggestion(completion: $0, label: $0, detail: "register for \(state.context.currentHalf.label); add PM or AM for the other")
            }
        case .half:
            return SessionHalf.allCases.map(\.label).filter { $0.lowercased().hasPrefix(typed.lowercased()) }.map {
                Suggestion(completion: $0, label: $0, detail: $0 == "AM" ? "the morning register" : "the afternoon register")
            }
        case .oneOf(let choices):
            return choices.filter { $0.word.hasPrefix(typed.lowercased()) }.map {
                Suggestion(completion: $0.word, label: $0.word, detail: $0.meaning)
            }
        case .pupil:
            let needle = SearchKey.fold(typed)
            guard !needle.isEmpty else { return [] }
            return state.school.roll.lazy.filter { SearchKey.of($0).contains(needle) }.prefix(8).map {
                Suggestion(completion: $0.upn, label: "\($0.fullName)", detail: "\($0.registrationGroup) · \($0.upn)")
            }
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
}
