import Attendance
import AttendanceStore
import Foundation

/// The stores a command opened, and how many of each one's warnings it has printed. The
/// store never prints; what a change adds to its warnings (a daily backup or a compaction
/// that failed) is printed when the command ends, whether it succeeded or not.
enum StoreWarnings {
    nonisolated(unsafe) private static var opened: [(store: any SchoolStore, printed: Int)] = []

    /// Remembers an opened store; `printed` of its warnings have been shown already.
    static func track(_ store: any SchoolStore, printed: Int) {
        opened.append((store, printed))
    }

    /// Warnings not shown yet, across every store this command opened.
    static func unprinted() -> [String] {
        var new: [String] = []
        for i in opened.indices {
            let all = opened[i].store.warnings
            new += all.dropFirst(opened[i].printed)
            opened[i].printed = all.count
        }
        return new
    }

    static func printUnprinted() {
        for w in unprinted() { FileHandle.standardError.write(Data("Warning: \(EnteredText.shown(w, keepingLayout: true))\n".utf8)) }
    }
}
