import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments

/// `rollcall report KIND`: the reports the office, the head and governors read, as text,
/// CSV or an A4 PDF. The figures come from the domain; the files in Reports/ only lay them out.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A report as text, CSV or PDF: absentees, calls, pa, governors or data-quality.",
        discussion: """
        absentees: a session's absentee list (who, class, code, whether the reason is known, \
        first contact and phone). calls: the first-day calling sheet. pa: persistent and severe \
        absentees this year with their figures and stage. governors: this half-term for the \
        school, each year group and each vulnerable group, with the change since the half-term \
        before, codes used, absence by weekday and a weekly attendance chart. data-quality: N \
        marks older than 5 school days, sessions with no mark, C2 with no part-time timetable, \
        part-time timetables past 6 weeks, pupils with no contact phone, overdue case reviews. \
        Text goes to the terminal unless --out names a file; CSV may too; PDF needs --out.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case absentees, calls, pa, governors
        case dataQuality = "data-quality"
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, pdf }

    @Argument(help: "absentees, calls, pa, governors or data-quality.") var kind: Kind
    @Option(name: .customLong("as-of"), help: "The date the report is for (default: today).") var asOf: DateArgument?
    @Option(help: "For absentees: the session, am or pm (default: am).") var session: String = "am"
    @Option(help: "text, csv or pdf (default: what --out's extension names, else text).") var format: Format?
    @Option(help: "The file to write (needed for pdf; .pdf, .csv or .txt chooses the format).") var out: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if format == .pdf && out == nil { throw ValidationError("--format pdf needs --out FILE.pdf") }
        _ = try OutputFormat.format(given: format?.rawValue, out: out, among: ["text", "csv", "pdf"], fallback: "text")
        if !["am", "pm"].contains(session.lowercased()) { throw ValidationError("--session is am or pm, not \"\(session)\"") }
    }

    func run() throws {
        // Refused before any work: inside the store, or a link.
        if let out { _ = try OutputFile(out, store: storeOptions.storeDirectory) }
        let date = asOf?.date ?? .today()
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
        let document: ReportDocument
        switch kind {
        case .absentees:
            document = AbsenteesReport.document(store.school, at: Session(date, session.lowercased() == "am" ? .am : .pm))
        case .calls:
            try store.loadContacts(from: date)
            document = CallsReport.document(store.school, on: date, viewer: me)
        case .pa:
            document = PersistentAbsenceReport.document(store.school, asOf: date)
        case .governors:
            document = GovernorsReportDocument.document(GovernorsReport(school: store.school, asOf: date), school: store.school,
                                                        national: try NationalFiguresFile.load())
        case .dataQuality:
            document = DataQualityReport.document(DataQuality(school: store.school, asOf: date), school: store.school)
        }
        let chosen = try OutputFormat.format(given: format?.rawValue, out: out, among: ["text", "csv", "pdf"], fallback: "text")
        try Self.write(document, format: Format(rawValue: chosen) ?? .text, to: out.map { try OutputFile($0, store: store.directory) })
    }

    static func write(_ document: ReportDocument, format: Format, to out: OutputFile?) throws {
        switch format {
        case .pdf:
            try out!.write(with: document.writePDF(to:))
        case .text, .csv:
            let contents = format == .text ? document.text : document.csv
            guard let out else { print(contents, terminator: ""); return }
            try out.write(contents)
        }
        if let out { print(out.written) }
    }
}
