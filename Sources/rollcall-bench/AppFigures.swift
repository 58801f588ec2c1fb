import Attendance
import AttendanceStore
import Foundation
import RollcallUI

/// The terminal app's figures: a long replayed key sequence through `update` plus drawing
/// into the grid, timed per key. Changes are applied in memory through the domain (complete,
/// check, apply), as the store does before its fsync, which `record_mark_ms` measures apart.
enum AppFigures {
    /// The keys a morning's work takes: take a register, find pupils in the list by typing,
    /// scroll it, open pupils and read their pages.
    static func keys(groups: [String]) -> [Key] {
        var keys: [Key] = []
        func type(_ s: String) { keys += s.map { Key.char($0) } }
        for g in groups.prefix(3) {
            keys.append(.char(":")); type("register \(g)"); keys.append(.enter)
            for i in 0..<30 { keys.append(i % 7 == 3 ? .char("N") : .char(" ")) }
            keys += [.char("*"), .home, .char("/")]; type("sm"); keys += [.enter, .char("I"), .char("C"), .char("1")]
        }
        keys.append(.char(":")); type("pupils"); keys.append(.enter)
        for name in ["smith", "zoe", "oconnor", "khan", "jones"] {
            keys.append(.char("/")); type(name); keys += [.enter, .char("x")]
        }
        keys += Array(repeating: .pageDown, count: 20) + Array(repeating: .down, count: 60) + Array(repeating: .pageUp, count: 10)
        for _ in 0..<10 {
            keys += [.down, .down, .down, .enter] + Array(repeating: .down, count: 15) + [.pageDown, .pageDown, .escape]
        }
        keys += [.char("s"), .char("s"), .char("S"), .char("y"), .char("c"), .char("b"), .char("x"), .tab, .tab, .tab]
        return keys
    }

    struct Result { var p99: Double; var median: Double; var keyCount: Int }

    static func replay(school: School, staff: StaffMember, today: SchoolDate) -> Result {
        var state = AppState(context: AppContext(today: today, minutes: 9 * 60 + 5, staff: staff), school: school, width: 120, height: 40)
        var seq = 1
        let keys = keys(groups: school.registrationGroups)
        var times: [Double] = []
        for key in keys {
            times.append(time {
                var queue: [Message] = [.keyPressed(key)]
                while !queue.isEmpty {
                    let m = queue.removeFirst()
                    for effect in state.update(m) {
                        guard case .commit(let id, let t) = effect else { continue }
                        var s = state.school
                        var done = s.completing(t, seq: seq, by: staff)
                        do { try s.check(done, by: staff, today: today) } catch let error as ChangeRefused {
                            queue.append(.changeRefused(id: id, Refusal(kind: Refusal.Kind(rawValue: error.kind.rawValue) ?? .invalid, message: error.message)))
                            continue
                        } catch { continue }
                        done.changes = done.changes.filter { if case .mark(let m) = $0 { return m.previous != m.mark }; return true }
                        s.apply(done)
                        seq += 1
                        queue.append(.changeSaved(id: id, s))
                    }
                }
                _ = state.draw()
            })
        }
        if ProcessInfo.processInfo.environment["BENCH_SLOWEST"] != nil {
            for (i, t) in times.enumerated().sorted(by: { $0.1 > $1.1 }).prefix(12) {
                FileHandle.standardError.write(Data("key \(i) \(keys[i]): \(fmt(t)) ms\n".utf8))
            }
        }
        let sorted = times.sorted()
        return Result(p99: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], median: median(times), keyCount: keys.count)
    }
}
