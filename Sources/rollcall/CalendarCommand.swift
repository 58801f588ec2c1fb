import ArgumentParser
import Attendance
import AttendanceStore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The school calendar: terms, half-terms and closure days.",
        subcommands: [Import.self, Show.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the calendar from a CSV file: kind (term, half-term, closure), name, start, end[, session].")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var importOptions: ImportOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let calendar = try CalendarImport.parse(try readCSV(file), file: file, mapping: try importOptions.mapping())
            try store.commit(Transaction([.calendar(calendar)], reason: "calendar imported from \(file)"), by: me)
            print("\(file): \(calendar.terms.count) terms and \(calendar.closures.count) closure sessions or days recorded")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the calendar.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(as: .current()).store
            guard let calendar = store.school.calendar else {
                print("No calendar: open sessions are those in which any pupil has a mark other than #.")
                return
            }
            let days = SchoolDays(calendar: calendar, register: store.school.register)
            for term in calendar.terms {
                let half = term.halfTerm.map { "; half-term \($0.start.spoken) to \($0.end.spoken)" } ?? ""
                print("\(term.name): \(term.dates.start.spoken) to \(term.dates.end.spoken)\(half); \(days.openSessionCount(in: term.dates)) sessions")
            }
            for c in calendar.closures {
                print("Closed \(c.date.spoken)\(c.half.map { " " + $0.label } ?? ""): \(c.reason)")
            }
        }
    }
}
