import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments

/// `rollcall chronology`: the pupil's record for a panel, an LA referral or a penalty-notice
/// request, as text, CSV or PDF.
struct ChronologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chronology",
        abstract: "A pupil's chronology: contacts, figures now and at each review, the weeks, then everything recorded in date order.",
        discussion: "Sensitive entries show their words only when you are the DSL, the head or their author.")

    @Argument(help: "The pupil's UPN.") var upn: String
    @Option(help: "text, csv or pdf (pdf needs --out; default: what --out's extension names, else text).") var format: String?
    @Option(help: "Write to this file instead of printing (.pdf, .csv or .txt chooses the format).") var out: String?
    @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if let format, !["text", "csv", "pdf"].contains(format) { throw ValidationError("--format is text, csv or pdf, not \"\(format)\"") }
        let format = try OutputFormat.format(given: format, out: out, among: ["text", "csv", "pdf"], fallback: "text")
        // Refused before any work: inside the store, or a link.
        if let out { _ = try OutputFile(out, store: storeOptions.storeDirectory) }
        if format == "pdf" && out == nil { throw ValidationError("--format pdf needs --out FILE.pdf") }
        let date = asOf?.date ?? .today()
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
        try store.loadContacts()
        let id = upn.uppercased()
        let trail = store.history(upn: id)
        let amendments: [ChronologyEntry] = trail.entries.compactMap { e in
            guard case .mark(let m) = e.change, let was = m.previous, e.reason != nil else { return nil }
            let local = LocalTime.dateTime(e.at, timeZone: store.school.settings.timeZone).split(separator: " ")
            guard let day = local.first.flatMap({ SchoolDate(parsing: String($0)) }) else { return nil }
            return ChronologyEntry(on: day, time: local.count > 1 ? String(local[1]) : nil, kind: .amendment, by: e.name,
                                   text: "register amended \(m.session): \(was.code.symbol) → \(m.mark?.code.symbol ?? "no mark"): \(e.reason ?? "")")
        }
        let doc = try ChronologyDocument(school: store.school, upn: id, asOf: date, viewer: me, amendments: amendments)
        for p in trail.problems { FileHandle.standardError.write(Data("Error: \(p)\n".utf8)) }
        switch format {
        case "pdf":
            let file = try OutputFile(out!, store: store.directory)
            try file.write(with: doc.writePDF(to:))
            print(file.written)
        default:
            let body = format == "csv" ? doc.csv : doc.text
            if let out {
                let file = try OutputFile(out, store: store.directory)
                try file.write(body)
                print(file.written)
            } else {
                print(body, terminator: "")
            }
        }
        if !trail.problems.isEmpty { throw ExitCode.failure }
    }
}
