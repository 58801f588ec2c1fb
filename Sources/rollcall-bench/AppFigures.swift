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

/// The head's figures: opening the panel (the caseload recomputed, the first frame drawn),
/// then scrolling it and opening pupils whose chronology has 200 entries.
enum PanelFigures {
    struct Result { var openMs: Double; var p99: Double; var keyCount: Int }

    static func measure(school original: School, staff: StaffMember, today: SchoolDate, runs: Int) -> Result {
        var school = original
        // Give the first ten pupils on the caseload a long chronology: 200 calls and notes each.
        let busy = CaseworkEngine(school: school, asOf: today).map { Array(Set($0.caseload().map(\.upn)).sorted().prefix(10)) } ?? []
        for upn in busy {
            for i in 0..<200 {
                let day = today.adding(days: -(i % 120))
                school.apply(.contact(ContactLogEntry(id: "bench-\(upn)-\(i)", upn: upn, kind: i % 3 == 0 ? .note : .call, on: day, time: "09:\(10 + i % 50)",
                                                      by: staff.login, byName: staff.name, contactName: "Parent", outcome: i % 3 == 0 ? nil : .noAnswer,
                                                      text: "entry \(i): a line of the kind staff write after a call, long enough to wrap on a narrow window")))
            }
        }
        let fresh = AppState(context: AppContext(today: today, minutes: 9 * 60 + 5, staff: staff), school: school, width: 120, height: 40)
        let openMs = median((0..<max(runs, 5)).map { _ in
            var state = fresh
            return time {
                _ = state.run(command: "panel")
                _ = state.draw()
            }
        })
        var state = fresh
        _ = state.run(command: "panel")
        var keys: [Key] = Array(repeating: .down, count: 60) + Array(repeating: .pageDown, count: 5) + [.home]
        for _ in 0..<10 {
            keys += [.down, .char("o")] + Array(repeating: .pageDown, count: 12) + Array(repeating: .down, count: 20) + [.char("f"), .char("f"), .escape]
        }
        // Pages open on the pupils with the long chronologies.
        var times: [Double] = []
        var opened = 0
        for key in keys {
            if key == .char("o"), opened < busy.count, case .panel(var p) = state.screen,
               let i = p.visible.firstIndex(where: { p.rows[$0].pupil.upn == busy[opened] }) {
                p.cursor.selected = i
                state.screen = .panel(p)
                opened += 1
            }
            times.append(time {
                _ = state.update(.keyPressed(key))
                _ = state.draw()
            })
        }
        if ProcessInfo.processInfo.environment["BENCH_SLOWEST"] != nil {
            for (i, t) in times.enumerated().sorted(by: { $0.1 > $1.1 }).prefix(8) {
                FileHandle.standardError.write(Data("panel key \(i) \(keys[i]): \(fmt(t)) ms\n".utf8))
            }
        }
        let sorted = times.sorted()
        return Result(openMs: openMs, p99: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], keyCount: keys.count)
    }
}
