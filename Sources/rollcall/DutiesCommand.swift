import ArgumentParser
import Attendance
import AttendanceStore

struct DutiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duties",
        abstract: "What the school owes the local authority: every pupil, whatever today's mark.",
        discussion: "The JSON output is a stable interface for scripts: see docs/casework-json.md.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let date = asOf?.date ?? .today()
        let store = try storeOptions.open(as: .current(), forFiguresAsOf: date).store
        let duties = store.school.laDuties(asOf: date)
        if format == .json {
            print(JSONValue.array(duties.map { d in
                .object([
                    ("upn", .string(d.upn)),
                    ("duty", .string(d.kind.rawValue)),
                    ("since", .string(d.since.description)),
                    ("days", .optional(d.days)),
                    ("due", .string(d.due.description)),
                    ("done", .optional(d.done?.description)),
                    ("description", .string(d.text)),
                ])
            }).rendered())
            return
        }
        let owed = duties.filter { $0.done == nil }
        print("Duties to the LA as of \(date.spoken): \(owed.count) owed, \(duties.count - owed.count) done")
        for d in duties {
            let name = store.school.pupils[d.upn]?.listName ?? d.upn
            let state = d.done.map { "done \($0.spoken)" } ?? (d.due < date ? "OVERDUE since \(d.due.spoken)" : "due \(d.due.spoken)")
            print("  \(name): \(d.text) [\(state)]")
        }
    }
}
