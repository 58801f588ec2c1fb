import ArgumentParser
import Attendance
import AttendanceStore

struct PenaltyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "penalty",
        abstract: "Penalty notices: check whether one may be requested (and why), or record a request (head only).",
        subcommands: [Check.self, Request.self, Record.self, Withdraw.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain whether a penalty notice may be requested for a pupil.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
        @Option(help: "table or json (keys in docs/json-output.md).") var format: ListFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let date = asOf?.date ?? .today()
            let store = try storeOptions.open(as: .current(), forFiguresAsOf: date).store
            let id = upn.uppercased()
            guard store.school.pupils[id] != nil else { throw CleanExit.failure("no pupil with UPN \(id)") }
            let p = store.school.penaltyEligibility(for: id, asOf: date)
            if format == .json {
                print(JSONValue.object([
                    ("upn", .string(id)), ("as_of", .string(date.description)),
                    ("eligible", .bool(p.eligible)), ("threshold_met", .bool(p.thresholdMet)),
                    ("unauthorised_sessions_last_10_school_weeks", .int(p.unauthorisedSessions)),
                    ("unresolved_n_sessions", .int(p.unresolvedNSessions)),
                    ("eligible_parents", .array(p.eligibleParents.map(JSONValue.string))),
                    ("why", .array(p.why.map(JSONValue.string))),
                ]).rendered())
                return
            }
            print(p.eligible ? "A penalty notice may be requested for: \(p.eligibleParents.joined(separator: ", "))" : "A penalty notice may not be requested now.")
            for w in p.why { print("  - \(w)") }
        }
    }

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a penalty-notice request for one parent (refused unless eligible).")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "The parent (a contact with parental responsibility), by name.") var parent: String
        @Option(help: "Why, in a sentence for the LA.") var reason: String
        @Option(name: .customLong("support-not-appropriate"),
                help: "Why support first would not be appropriate (e.g. a term-time holiday): the other route, kept on the request and in the audit trail.")
        var supportNotAppropriate: String?
        @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let date = asOf?.date ?? .today()
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            let id = upn.uppercased()
            if let why = supportNotAppropriate, why.trimmingSpaces().isEmpty {
                throw CleanExit.failure("--support-not-appropriate needs the reason support would not be appropriate")
            }
            let request = store.school.requestingPenaltyNotice(upn: id, parent: parent, on: date, reason: reason,
                                                               supportNotAppropriate: supportNotAppropriate)
            let done = try store.commit(request, by: me)
            guard case .penaltyNotice(let p)? = done?.changes.first else { return }
            print("Penalty notice requested for \(parent): £\(p.amount)\(p.amountIfLate != p.amount ? " (£\(p.amountIfLate) after 21 days)" : "")")
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a penalty notice issued outside Rollcall (before it, or by another school), so the limit and the next amount are right (head only).")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "The parent it was issued to (a contact with parental responsibility), by name.") var parent: String
        @Option(help: "The date it was issued.") var issued: DateArgument
        @Option(help: "The amount in pounds: 80 or 160.") var amount: Int
        @Option(help: "The school that issued it, if not this one.") var school: String?
        @OptionGroup var storeOptions: StoreOptionsWithoutSchool

        func run() throws {
            guard [80, 160].contains(amount) else { throw CleanExit.failure("--amount is 80 or 160 (pounds), not \(amount)") }
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: issued.date)
            let id = upn.uppercased()
            guard store.school.pupils[id] != nil else { throw CleanExit.failure("no pupil with UPN \(id)") }
            _ = try store.commit(store.school.recordingPenaltyNotice(upn: id, parent: parent, issued: issued.date, amount: amount, school: school), by: me)
            print("Recorded: a £\(amount) penalty notice issued to \(parent) on \(issued.date.spoken)" + (school.map { " by \($0)" } ?? ""))
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a penalty notice withdrawn or declined by the LA: it no longer counts towards the limit or the amount (head only).")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "The parent it was for, by name.") var parent: String
        @Option(help: "The date it was issued (or requested).") var issued: DateArgument
        @Option(help: "Why, as the LA gave it.") var reason: String
        @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let date = asOf?.date ?? .today()
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            let id = upn.uppercased()
            guard store.school.pupils[id] != nil else { throw CleanExit.failure("no pupil with UPN \(id)") }
            _ = try store.commit(try store.school.withdrawingPenaltyNotice(upn: id, parent: parent, issued: issued.date, reason: reason, on: date), by: me)
            print("Withdrawn: the penalty notice for \(parent) of \(issued.date.spoken) no longer counts")
        }
    }
}
