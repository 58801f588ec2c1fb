import Attendance
import Testing
@testable import RollcallUI

/// The key table is the whole truth: what a key does on the register is what the table (and
/// so the footer, help and docs/keys.md) says it does.
@Suite("The key table is the whole truth")
struct KeyTableTruthTests {
    func freshRegister() -> (AppState, FakeDriver) {
        var state = UISchool.state()
        _ = state.run(command: "register 4A AM")
        return (state, FakeDriver())
    }

    @Test func gAndShiftGOnTheRegisterDoWhatHelpSays() throws {
        var (state, driver) = freshRegister()
        driver.keys(&state, [.down, .down, .char("g")])
        guard case .register(let r) = state.screen else { Issue.record("not on the register"); return }
        #expect(r.cursor.selected == 0, "g goes to the first line")
        #expect(driver.committed.isEmpty, "g recorded a mark")
        #expect(Bindings.command(for: .char("g"), on: .register) == .top)
        // G is the code G (holiday not granted) on the register, and help says so.
        #expect(Bindings.command(for: .char("G"), on: .register) == .typeCode)
        let help = HelpScreen.build(for: .register, staff: UISchool.office).map(\.text)
        #expect(help.contains { $0.contains("Home/g") && $0.contains("first line") })
        #expect(!help.contains { $0.contains("End/G") }, "help still says G goes to the last line on the register")
    }

    /// Every printable key on a fresh register: a mark is sent exactly when the table says the
    /// key types a code or marks present.
    @Test(arguments: Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/\\.*!?[]~ -#%&"))
    func aKeyMarksThePupilExactlyWhenTheTableSaysSo(_ c: Character) throws {
        var (state, _) = freshRegister()
        var effects = state.update(.keyPressed(.char(c)))
        // A two-key code's first key waits for its second.
        if case .register(let r) = state.screen, r.codePrefix != nil { effects += state.update(.keyPressed(.char("1"))) }
        let marked = effects.contains { if case .commit(_, let t) = $0 { return t.changes.contains { if case .mark = $0 { return true }; return false } }; return false }
        let command = Bindings.command(for: .char(c), on: .register)
        #expect(marked == [.typeCode, .markPresent, .presentAll].contains(command), "\(c): the table says \(String(describing: command)), marked: \(marked)")
    }

    /// On each screen and form, a key means one thing: help lists each key once.
    @Test func helpListsEachKeyOnceOnEveryScreen() {
        for screen in ScreenKind.allCases where screen != .everywhere {
            var seen: Set<Key> = []
            for b in Bindings.effective(on: screen) {
                for k in b.keys {
                    #expect(!seen.contains(k), "\(k) means two things on \(screen.title)")
                    seen.insert(k)
                }
            }
        }
    }
}
