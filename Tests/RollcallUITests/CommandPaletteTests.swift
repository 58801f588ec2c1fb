import Attendance
import Testing
@testable import RollcallUI

/// The `:` list: every command, and it scrolls to the one chosen.
@Suite("The command palette")
struct CommandPaletteTests {
    @Test func everyCommandIsListedAt80By24() {
        var state = UISchool.state()
        _ = state.update(.keyPressed(.char(":")))
        let text = state.draw().text
        for c in AppCommand.all { #expect(text.contains(":" + c.name), "\(c.usage) is missing from the list") }
    }

    @Test func theListScrollsToTheChosenCommand() {
        var state = UISchool.state(height: 24)
        _ = state.update(.keyPressed(.char(":")))
        for _ in 0..<(AppCommand.all.count - 1) { _ = state.update(.keyPressed(.down)) }
        state.height = 12  // a list longer than the room there is
        // (too small a window shows a message instead: draw the palette itself)
        guard case .commandLine(let p) = state.overlay else { Issue.record("the palette closed"); return }
        var g = Grid(width: 80, height: 12)
        state.drawCommandLine(p, &g)
        #expect(g.text.contains(":quit"))
        #expect(!g.text.contains(":today"))
    }
}
