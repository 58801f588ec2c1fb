import ArgumentParser
import Attendance
import AttendanceStore

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record one mark; exits 0 only once it is safely on disk.",
        discussion: """
        If the session already has a different mark, this is a register amendment: --reason is \
        required, and the original mark, the new one, the reason, when and who are kept.
        """)

    @Argument(help: "The pupil's UPN.") var upn: String
    @Argument(help: "The date (YYYY-MM-DD or DD/MM/YYYY).") var date: DateArgument
    @Argument(help: "AM or PM.") var session: String
    @Argument(help: "The attendance code, e.g. /, L, I, N.") var code: String
    @Option(name: .customLong("minutes-late"), help: "Minutes late, with L or U.") var minutesLate: Int?
    @Option(help: "Why the mark is changed (required for an amendment).") var reason: String?
    @Option(help: "A note kept with the mark.") var comment: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let half = SessionHalf(label: session) else { throw ValidationError("session must be AM or PM, not \"\(session)\"") }
        guard let parsed = AttendanceCode(parsing: code) else { throw ValidationError("\"\(code)\" is not an attendance code (see `rollcall codes`)") }
        let (store, me) = try storeOptions.open(as: .current())
        let change = MarkChange(upn: upn.uppercased(), session: Session(date.date, half),
                                mark: Mark(parsed, minutesLate: minutesLate, comment: comment))
        guard let done = try store.commit(Transaction([.mark(change)], reason: reason), by: me),
              case .mark(let m) = done.changes[0] else {
            print("\(change.upn) \(change.session): already \(parsed.recorded(in: half).symbol); nothing changed")
            return
        }
        if let was = m.previous {
            print("\(m.upn) \(m.session): amended \(was.code.symbol) → \(m.mark?.code.symbol ?? "no mark") (\(reason ?? ""))")
        } else {
            print("\(m.upn) \(m.session): \(m.mark?.code.symbol ?? "no mark") recorded")
        }
    }
}
