import ArgumentParser
import Attendance
import AttendanceStore
import RollcallDocuments

/// `rollcall certificate`: the registration grid and totals that Letters 1 and 2 enclose.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "An attendance certificate as PDF: the register grid, totals by category, the percentage, a key to the codes.")

    @Argument(help: "The pupil's UPN.") var upn: String
    @Option(help: "First day (default: the start of this academic year).") var from: DateArgument?
    @Option(help: "Last day (default: today).") var to: DateArgument?
    @Option(help: "The PDF file to write.") var out: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        // A certificate is only ever a PDF: a file named otherwise would mislead.
        _ = try OutputFormat.format(given: "pdf", out: out, among: ["text", "csv", "pdf"], fallback: "pdf")
        _ = try OutputFile(out, store: storeOptions.storeDirectory)  // refused before any work: inside the store, or a link
        let end = to?.date ?? .today()
        let start = from?.date ?? AcademicYear(containing: end).firstDay
        guard start <= end else { throw ValidationError("--from must be on or before --to") }
        let (store, _) = try storeOptions.open(as: .current(), forFiguresAsOf: end)
        try store.loadYears(covering: DateRange(start, end))
        let id = upn.uppercased()
        guard store.school.pupils[id] != nil else { throw CleanExit.failure("no pupil with UPN \(id)") }
        let file = try OutputFile(out, store: store.directory)
        try file.write { try CertificatePDF.write(school: store.school, upn: id, range: DateRange(start, end), to: $0) }
        print(file.written)
    }
}
