import Attendance
import Testing
@testable import RollcallUI

/// The `:` commands are one table (`AppCommand.all`, gathered from the screens that declare
/// them): the list, Tab completion, help, docs/keys.md and running a command all come from it,
/// and nothing else names a command.
@Suite("One table of : commands")
struct CommandTableTests {
    static func prompt(_ typed: String, _ state: AppState = UISchool.state()) -> CommandPrompt {
        var p = CommandPrompt(state: state)
        p.field = TextField(typed)
        p.refresh(state)
        return p
    }

    @Test func theListIsTheTableInItsOrder() {
        let listed = Self.prompt("").suggestions
        #expect(listed.map(\.label) == AppCommand.all.map(\.usage))
        #expect(listed.map(\.detail) == AppCommand.all.map(\.summary))
    }

    @Test func completingANameOffersOnlyTheTablesCommands() {
        var offered: [String] = []
        for letter in "abcdefghijklmnopqrstuvwxyz-" {
            let p = Self.prompt(String(letter))
            offered += p.suggestions.map { $0.completion.trimmingSpaces() }
            #expect(p.suggestions.allSatisfy { $0.completion.hasPrefix(String(letter)) })
        }
        #expect(offered.sorted() == AppCommand.all.map(\.name).sorted())
        for c in AppCommand.all {
            #expect(Self.prompt(c.name).suggestions.map { $0.completion.trimmingSpaces() }.contains(c.name))
        }
    }

    @Test func helpAndTheKeysDocumentListTheTableAndNothingElse() {
        let lines = HelpScreen.build(for: .today, staff: UISchool.office).map(\.text)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Commands") }) else { Issue.record("no commands in help"); return }
        let listed = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(listed.count == AppCommand.all.count)
        for (line, c) in zip(listed, AppCommand.all) {
            #expect(line.hasPrefix("  :" + c.name) && line.hasSuffix(c.summary), "help says \(line), the table \(c.usage)")
        }
        let document = KeysDocument.markdown().split(separator: "\n").map(String.init)
        let rows = document.drop { !$0.hasPrefix("## Commands") }.filter { $0.hasPrefix("| `:") }
        #expect(rows == AppCommand.all.map { "| `\(KeysDocument.cell($0.usage))` | \(KeysDocument.cell($0.summary)) |" })
    }

    @Test func everyCommandInTheTableRunsAndNoOtherDoes() {
        for c in AppCommand.all {
            var state = UISchool.state()
            _ = state.run(command: c.name)
            #expect(state.status?.text.hasPrefix("Unknown command") != true, ":\(c.name) is in the table but does not run")
        }
        for name in ["settingz", "registers", "absentees", "go"] {
            var state = UISchool.state()
            _ = state.run(command: name)
            #expect(state.status?.text.hasPrefix("Unknown command :\(name)") == true)
        }
        var state = UISchool.state()
        #expect(state.run(command: "q") == [.quit], "q is quit's other name")
    }

    @Test func argumentsCompleteByTheirKind() {
        #expect(Self.prompt("register ").suggestions.map(\.completion) == ["register 4A ", "register 4B "])
        #expect(Self.prompt("register 4A p").suggestions.map(\.completion) == ["register 4A PM"])
        #expect(Self.prompt("report a").suggestions.map(\.completion) == ["report absentees "])
        #expect(Self.prompt("report absentees a").suggestions.map(\.completion) == ["report absentees AM"])
        #expect(Self.prompt("log v").suggestions.map(\.completion) == ["log visit "])
        #expect(Self.prompt("log note zoe").suggestions.map(\.completion) == ["log note A100000000001"])
        #expect(Self.prompt("pupil zoe").suggestions.map(\.completion) == ["pupil A100000000001"])
        #expect(Self.prompt("today x").suggestions.isEmpty)
        #expect(AppCommand.all.map(\.usage).contains(":log call|visit|meeting|letter|note [UPN-or-name]"))
        #expect(AppCommand.all.map(\.usage).contains(":register CLASS [AM|PM]"))
    }

    /// Every screen is in the one list, once, so its commands and keys are found.
    @Test func everyScreenKindHasOneRegisteredScreen() {
        let kinds = Screen.registry.map { $0.kind }
        #expect(Set(kinds).count == kinds.count)
        #expect(Set(kinds) == Set(ScreenKind.allCases.filter { !$0.isOverlay && $0 != .everywhere }))
    }
}
