import ArgumentParser
import Attendance
import AttendanceStore

struct PenaltyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "penalty",
        abstract: "Penalty notices: check whether one may be requested (and why), or record a request (head only).",
        subcommands: [Check.self, Request.self])

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
        @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let date = asOf?.date ?? .today()
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            let id = upn.uppercased()
            let done = try store.commit(store.school.requestingPenaltyNotice(upn: id, parent: parent, on: date, reason: reason), by: me)
            guard case .penaltyNotice(let p)? = done?.changes.first else { return }
            print("Penalty notice requested for \(parent): £\(p.amount)\(p.amountIfLate != p.amount ? " (£\(p.amountIfLate) after 21 days)" : "")")
        }
    }
}
