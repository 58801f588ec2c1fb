import Attendance
import Testing
@testable import RollcallUI

/// Thousands of seeded random keys on every screen: nothing crashes, every cursor stays in
/// its list, and the only writes are the effects the driver is handed.
@Suite("Random keys")
struct RandomKeysTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
    }

    static let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete, .left, .right,
                              .ctrl("s"), .ctrl("u"), .function(1)]
        + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/\\.*!:?[]~ -#%".map { Key.char($0) }

    @Test(arguments: ["today", "register 4A", "calls", "log note zoe", "panel", "pupil A100000000005", "reports", "pupils", "pupil A100000000001", "report absentees"])
    func randomKeysNeverBreakTheApp(start: String) throws {
        var rng = SplitMix(state: 20261130)
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.head),
                             school: try PanelTests.school(), width: 100, height: 30)
        var driver = FakeDriver()
        _ = state.run(command: start)
        for i in 0..<3000 {
            var key = rng.pick(Self.keys)
            if key == .char("q") || key == .ctrl("c") { key = .escape }  // keep going
            if i % 500 == 499 { driver.run(&state, .windowResized(width: 60 + Int(rng.next() % 80), height: 10 + Int(rng.next() % 40))) }
            driver.run(&state, .keyPressed(key))
            _ = state.draw()
            #expect(!state.screens.isEmpty)
            switch state.screen {
            case .register(let r): #expect(r.upns.isEmpty || r.upns.indices.contains(r.cursor.selected))
            case .pupils(let p): #expect(p.visible.isEmpty || p.visible.indices.contains(p.cursor.selected))
            case .today(let t): #expect(t.lines.indices.contains(t.cursor.selected))
            case .report(let r): #expect(r.entries.isEmpty || r.entries.indices.contains(r.cursor.selected))
            default: break
            }
        }
        // Every change went through the driver as an effect, and the school is what they made.
        var replay = try PanelTests.school()
        for t in driver.committed { replay.apply(t) }
        for upn in replay.pupils.keys {
            #expect(replay.register.mark(for: upn, at: Session(UISchool.today, .am)) == state.school.register.mark(for: upn, at: Session(UISchool.today, .am)))
        }
    }
}
