import ArgumentParser
import Attendance
import AttendanceStore

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record one mark; exits 0 only once it is safely on disk.",
        discussion: """
        Changing a mark that is already there is a register amendment once the class's \
        register for that session is closed, or the day has passed: then --reason is required, \
        and the original mark, the new one, the reason, when and who are kept.

        A late arrival: --arrived HH:MM (the code may be left out). It becomes L with the \
        minutes late if the pupil arrived by the register's close time (`rollcall settings`), \
        U after it; --comment is the late-slip reason.
        """)

    @Argument(help: "The pupil's UPN.") var upn: String
    @Argument(help: "The date (YYYY-MM-DD or DD/MM/YYYY).") var date: DateArgument
    @Argument(help: "AM or PM.") var session: String
    @Argument(help: "The attendance code, e.g. /, L, I, N (with --arrived: L, U or left out).") var code: String?
    @Option(name: .customLong("minutes-late"), help: "Minutes late, with L or U.") var minutesLate: Int?
    @Option(help: ArgumentHelp("When a late pupil arrived: L or U and the minutes late follow from the register times.", valueName: "HH:MM")) var arrived: String?
    @Option(help: "Why the mark is changed (required for an amendment).") var reason: String?
    @Flag(name: .customLong("allow-date"), help: "Record a mark outside the years the calendar and register hold (and the year either side); needs --reason.")
    var allowDate = false
    @Option(help: "A note kept with the mark (for a late arrival, the late-slip reason).") var comment: String?
    @Option(help: ArgumentHelp("The mark you are changing, as you saw it (a code, or `none`): if someone else has changed it since, the change is refused as a conflict. Default, for an amendment: the mark when the command started.", valueName: "code"))
    var was: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let half = SessionHalf(label: session) else { throw ValidationError("session must be AM or PM, not \"\(session)\"") }
        var given: AttendanceCode?
        if let code {
            guard let c = AttendanceCode(parsing: code) else { throw ValidationError("\"\(code)\" is not an attendance code (see `rollcall codes`)") }
            given = c
        }
        var arrival: ClockTime?
        if let arrived {
            guard let t = ClockTime(parsing: arrived) else { throw ValidationError("--arrived \"\(arrived)\" is not a time; use \(ClockTime.acceptedForm)") }
            guard given == nil || given == .lateBeforeClose || given == .lateAfterClose else { throw ValidationError("--arrived goes only with L or U (or no code)") }
            guard minutesLate == nil else { throw ValidationError("--arrived works out the minutes late; leave out --minutes-late") }
            arrival = t
        } else if given == nil {
            throw ValidationError("give the attendance code (or --arrived HH:MM for a late arrival)")
        }
        if minutesLate != nil && given != .lateBeforeClose && given != .lateAfterClose {
            throw ValidationError("--minutes-late goes only with L or U")
        }
        let (store, me) = try storeOptions.open(as: .current())
        let times = store.school.settings.registerTimes
        let mark = arrival.map { times.lateMark(arrivedAt: $0, half: half, reason: comment) }
            ?? Mark(given!, minutesLate: minutesLate, comment: comment)
        let parsed = mark.code
        if let arrival {
            if mark.minutesLate == nil {
                print("Arrived \(arrival), by the time the \(half.label) register opened at \(times.opens(half)): \(parsed.symbol), present")
            } else {
                let rule = parsed == .lateBeforeClose ? "by" : "after"
                print("Arrived \(arrival), \(rule) the \(half.label) register's close at \(times.closes(half)): \(parsed.symbol), \(mark.minutesLate ?? 0) min late")
            }
        }
        let sessionMarked = Session(date.date, half)
        // An amendment carries the mark it replaces, so two staff amending the same session
        // at once cannot overwrite each other unseen: the second is refused as a conflict.
        // The mark being replaced, for an older year too (only that year is read).
        try store.loadYears(covering: DateRange(sessionMarked.date, sessionMarked.date))
        let current = store.school.register.mark(for: upn.uppercased(), at: sessionMarked)
        var shown: ShownMark?
        if let was {
            if was.lowercased() == "none" { shown = ShownMark.none } else {
                guard let c = AttendanceCode(parsing: was) else { throw ValidationError("--was \"\(was)\" is not an attendance code (or `none`)") }
                // The stored mark when its code is the one seen (its minutes and comment too).
                shown = .mark(current?.code == c ? current! : Mark(c))
            }
        } else if reason != nil, let current {
            shown = .mark(current)
        }
        let change = MarkChange(upn: upn.uppercased(), session: sessionMarked, mark: mark, shown: shown)
        var transaction = Transaction([.mark(change)], reason: reason)
        transaction.allowingAnyDate = allowDate
        guard let done = try store.commit(transaction, by: me),
              case .mark(let m) = done.changes[0] else {
            print("\(change.upn) \(change.session): already \(parsed.recorded(in: half).symbol); nothing changed")
            return
        }
        if let was = m.previous {
            let now = m.mark?.code.symbol ?? "no mark"
            if let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty {
                print("\(m.upn) \(m.session): amended \(was.code.symbol) → \(now) (\(reason))")
            } else {
                print("\(m.upn) \(m.session): changed \(was.code.symbol) → \(now) (the register is still open)")
            }
        } else {
            print("\(m.upn) \(m.session): \(m.mark?.code.symbol ?? "no mark") recorded")
        }
    }
}
