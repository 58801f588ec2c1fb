import Attendance

/// Whatever declares `:` commands: each screen (for the commands that open it or act on it),
/// a form opened by a command, and the app itself.
protocol CommandSource {
    static var commands: [AppCommand] { get }
}

/// One command of the `:` prompt. Its name and arguments are fixed: the guides and scripts
/// rely on them. The `:` list, Tab completion, the help screen, docs/keys.md and running a
/// command are all made from these values, so there is no other list to keep in step.
public struct AppCommand: Sendable {
    public var name: String
    /// What follows the name, typed: they give the usage, the completion and the parsing.
    public var arguments: [CommandArgument]
    public var summary: String
    /// Other names that run it (not listed).
    public var aliases: [String]
    let perform: @Sendable (inout AppState, CommandInput) -> [Effect]

    init(_ name: String, _ summary: String, aliases: [String] = [], perform: @escaping @Sendable (inout AppState, CommandInput) -> [Effect]) {
        self.init(name, [], summary, aliases: aliases, perform: perform)
    }

    init(_ name: String, _ arguments: [CommandArgument], _ summary: String, aliases: [String] = [],
         perform: @escaping @Sendable (inout AppState, CommandInput) -> [Effect]) {
        self.name = name
        self.arguments = arguments
        self.summary = summary
        self.aliases = aliases
        self.perform = perform
    }

    public var usage: String { ([":" + name] + arguments.map(\.usage)).joined(separator: " ") }

    /// Every command, each screen's in the order of `Screen.registry`, then the app's own.
    public static let all: [AppCommand] = {
        let sources: [any CommandSource.Type] = Screen.registry.map { $0 as any CommandSource.Type } + [RegisterTimesForm.self, AppCommand.self]
        return sources.flatMap { $0.commands }
    }()

    /// The command a typed name runs, if any.
    static func named(_ name: String) -> AppCommand? {
        let name = name.lowercased()
        return all.first { $0.name == name || $0.aliases.contains(name) }
    }
}

extension AppCommand: CommandSource {
    /// The app's own commands, listed after every screen's.
    static var commands: [AppCommand] {
        [AppCommand("help", "Every key and command") { s, _ in
             s.push(.help(HelpScreen(for: s.screen.kind, state: s)))
             return []
         },
         AppCommand("quit", "Quit Rollcall (every mark is already saved)", aliases: ["q"]) { s, _ in s.quit() }]
    }
}

extension AppState {
    /// Runs one `:` command line: the table's command of that name, with its arguments read
    /// by their types.
    public mutating func run(command line: String) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        guard let command = AppCommand.named(name) else {
            status = StatusLine("Unknown command :\(name). Type : and look at the list, or press ? for help", .warning)
            return []
        }
        if !AppCommand.withoutSchool.contains(command.name), refusedWithoutSchool(":\(command.name)") { return [] }
        return command.perform(&self, CommandInput(command.arguments, Array(words.dropFirst()), school: school))
    }

    /// For the commands that act on the register on screen (`:close`, `:late` …).
    mutating func onRegister(_ name: String, _ body: (inout AppState, inout RegisterScreen) -> [Effect]) -> [Effect] {
        guard case .register(var r) = screen else {
            status = StatusLine(":\(name) works on a register: open one with :register CLASS", .warning)
            return []
        }
        let effects = body(&self, &r)
        if case .register = screen { screen = .register(r) }
        return effects
    }
}
