import ArgumentParser
import Attendance
import AttendanceStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "A pupil's audit trail: every mark, amendment and record change, with who, when and why.")

    @Option(help: "The pupil's UPN.") var pupil: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open().store
        let upn = pupil.uppercased()
        guard let p = store.school.pupils[upn] else { throw CleanExit.failure("no pupil with UPN \(upn)") }
        print("Audit trail for \(p.fullName) (\(upn))")
        let entries = try store.history(upn: upn)
        if entries.isEmpty { print("No recorded changes.") }
        for e in entries {
            let when = e.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
            print("\(when)  \(e.name) (\(e.role))  \(describe(e.change))\(e.reason.map { "  reason: \($0)" } ?? "")")
        }
    }

    func describe(_ change: Change) -> String {
        switch change {
        case .mark(let m):
            let new = m.mark.map { $0.code.symbol + ($0.minutesLate.map { " (\($0) min late)" } ?? "") } ?? "no mark"
            if let old = m.previous { return "amended \(m.session): \(old.code.symbol) → \(new)" }
            return "marked \(m.session): \(new)"
        case .pupil: return "pupil record updated"
        default: return "changed"
        }
    }
}

import Foundation
