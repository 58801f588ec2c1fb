import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import RollcallDocuments
import RollcallUI

/// `rollcall trust`: every school of a trust (a federation, an LA team's schools) side by
/// side, with the trust's total and the national figures for the same phase.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Every school of a trust side by side (`rollcall trust --stores DIR…` or `--database URL`); `trust publish` gives a database the school's figures.",
        subcommands: [Show.self, Publish.self],
        defaultSubcommand: Show.self)
}

extension TrustCommand {
    /// `rollcall trust [show]`: the table, the total and the national line.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Every school of a trust side by side: figures, casework, LA duties, the day's registers and calls; the total; England.",
            discussion: """
            Each --stores directory is one school's store, read as you (the OS login): a store you \
            may not read, or whose staff list does not name you, is listed under "Schools not read" \
            and left out of the total. With --database (or $ROLLCALL_DATABASE), every school in the \
            database is read through the view granted to the trust role: each school's figures as \
            its staff's Rollcall published them (`rollcall trust publish`), never a pupil. The table \
            has no pupils' names. JSON keys: docs/json-output.md.
            """,
            )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, pdf }

        @Option(name: .customLong("stores"), parsing: .upToNextOption, help: ArgumentHelp("The schools' store directories.", valueName: "dir"))
        var stores: [String] = []
        @Option(help: ArgumentHelp("The trust's PostgreSQL database (default: $ROLLCALL_DATABASE when no --stores): every school in it, as its staff published its figures.", valueName: "url"))
        var database: String?
        @Option(name: .customLong("as-of"), help: "The date the figures are as of (default: today).") var asOf: DateArgument?
        @Option(help: "Only primary or secondary schools (an all-through school is in both).") var phase: String?
        @Option(help: "concern (default: most concern first), name, attendance, pa, sa, unauthorised, pupils, cases or duties.")
        var sort: String = TrustSort.concern.rawValue
        @Option(help: "table, json, csv or pdf (default: what --out's extension names, else table).") var format: Format?
        @Option(help: "The file to write (needed for pdf).") var out: String?
        @Option(help: ArgumentHelp("Run as if it were this date, as every command's --today does.", valueName: "date")) var today: DateArgument?
        @Option(help: ArgumentHelp("Run as if it were this time of day.", valueName: "HH:MM")) var now: String?

        mutating func validate() throws {
            guard stores.isEmpty || database == nil else { throw ValidationError("give --stores DIR… or --database URL, not both") }
            guard !stores.isEmpty || databaseURL != nil else {
                throw ValidationError("name the schools' stores (--stores DIR [DIR …]) or the trust's database (--database URL)")
            }
            guard TrustSort(rawValue: sort) != nil else {
                throw ValidationError("--sort is one of \(TrustSort.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(sort)\"")
            }
            if let phase, !["primary", "secondary"].contains(phase) { throw ValidationError("--phase is primary or secondary, not \"\(phase)\"") }
            let chosen = try OutputFormat.format(given: format?.rawValue, out: out, among: ["table", "json", "csv", "pdf"], fallback: "table")
            if chosen == "pdf" && out == nil { throw ValidationError("--format pdf needs --out FILE.pdf") }
            // The one clock, as StoreOptions sets it for every other command.
            var clockOptions = StoreOptions()
            clockOptions.today = today
            clockOptions.now = now
            try clockOptions.validate()
        }

        func run() throws {
            // Refused before any work: a link, or a file inside one of the stores.
            let outFiles = try out.map { o in try (stores.isEmpty ? [String?.none] : stores.map { Optional($0) }).map { try OutputFile(o, store: $0) }.first! }
            let date = asOf?.date ?? .today()
            let moment = ProcessClock.moment
            let source: TrustSource = databaseURL.map { DatabaseFiguresSource(url: $0) }
                ?? StoreDirectoriesSource(directories: stores, login: Identity.current().login, onlyTheDaysContacts: true)
            let view = TrustView.make(from: source, asOf: date, time: date == moment.date ? moment.time : nil,
                                      sort: TrustSort(rawValue: sort)!, phase: phase.flatMap(SchoolPhase.init(rawValue:)))
            let chosen = try OutputFormat.format(given: format?.rawValue, out: out, among: ["table", "json", "csv", "pdf"], fallback: "table")
            if chosen == "json" {
                let text = TrustJSON.object(view).rendered() + "\n"
                if let outFiles { try outFiles.write(text); print(outFiles.written) } else { print(text, terminator: "") }
                return
            }
            try ReportCommand.write(view.document, format: chosen == "table" ? .text : ReportCommand.Format(rawValue: chosen)!, to: outFiles)
        }
    }
}

extension TrustCommand.Show {
    /// --database, else $ROLLCALL_DATABASE when no --stores are named.
    var databaseURL: String? {
        if let database, !database.isEmpty { return database }
        guard stores.isEmpty, let env = ProcessInfo.processInfo.environment["ROLLCALL_DATABASE"], !env.isEmpty else { return nil }
        return env
    }

}

extension TrustCommand {
    /// `rollcall trust publish`: a school's figures, worked out here with the domain's rules,
    /// published to the database for the trust's view.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish this school's figures to its database for the trust's view (the app does it as it runs; cron can too).",
            discussion: "Only counts and percentages are published, never a pupil. Needs --database (a store directory is read by the trust itself).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("as-of"), help: "The date the figures are as of (default: today).") var asOf: DateArgument?

        func run() throws {
            let date = asOf?.date ?? .today()
            let (store, _) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            guard let pg = store as? PostgresStore else {
                throw CleanExit.failure("figures are published to a database (--database URL); a trust reading store directories (--stores) works them out itself")
            }
            let moment = ProcessClock.moment
            let row = TrustRow(school: pg.school, asOf: date, time: date == moment.date ? moment.time : nil)
            try pg.publishFigures(asOf: date, figures: PublishedTrustRow.json(row))
            print("Published \(pg.school.name)'s figures as of \(date) (version \(pg.lastSeq)) for the trust's view")
        }
    }
}

/// The rows, the total, the schools not read and the national line: what every output of
/// the trust view (the command's formats, the app's screen) is made from.
struct TrustView {
    var asOf: SchoolDate
    var sort: TrustSort
    var phase: SchoolPhase?
    var rows: [TrustRow]
    var total: TrustRow
    var notRead: [(id: String, reason: String)]
    var comparison: [(name: String, row: TrustRow, national: NationalLine?)]
    var national: NationalFigures?
    /// The schools read or published, by id, for a drill-down.
    var schools: [String: TrustSchool]

    static func make(from source: TrustSource, asOf date: SchoolDate, time: ClockTime?, sort: TrustSort, phase: SchoolPhase?) -> TrustView {
        var rows: [TrustRow] = [], notRead: [(String, String)] = [], schools: [String: TrustSchool] = [:]
        let read = source.schools(asOf: date)
        let computed = concurrentMap(read) { s -> TrustRow? in
            guard case .read(let school, _) = s.reading else { return nil }
            var row = TrustRow(school: school, asOf: date, time: time)
            row.id = s.id
            return row
        }
        for (s, row) in zip(read, computed) {
            switch s.reading {
            case .read:
                rows.append(row!)
                schools[s.id] = s
            case .published(let row):
                rows.append(row)
                schools[s.id] = s
            case .notRead(let why):
                notRead.append((s.id, why))
            }
        }
        let shown = sort.sorted(rows.only(phase: phase))
        let total = TrustRow.total(of: shown, asOf: date)
        let national = try? NationalFiguresFile.load()
        var comparison: [(String, TrustRow, NationalLine?)] = [(TrustRow.totalName, total, national?.line(for: total.phase, asOf: date))]
        // A trust of both phases is also set beside each phase's national figures.
        if total.phase == .allThrough {
            for p in [SchoolPhase.primary, .secondary] {
                let these = shown.filter { $0.phase == p }
                guard !these.isEmpty else { continue }
                comparison.append(("\(p.rawValue.capitalized) schools", TrustRow.total(of: these, asOf: date), national?.line(for: p, asOf: date)))
            }
        }
        return TrustView(asOf: date, sort: sort, phase: phase, rows: shown, total: total, notRead: notRead,
                         comparison: comparison, national: national, schools: schools)
    }

    /// What the app's `:trust` screen is given.
    var overview: TrustOverview {
        TrustOverview(asOf: asOf, rows: rows, total: total, notRead: notRead.map { .init(id: $0.id, reason: $0.reason) },
                      national: comparison.first?.national,
                      schools: schools.compactMapValues { s in
                          switch s.reading {
                          case .read(let school, _): return TrustOverview.School(id: s.id, school: school, mayReadNames: s.mayReadNames)
                          // Published figures only: no records, so no names.
                          case .published: return TrustOverview.School(id: s.id, school: nil, mayReadNames: false)
                          case .notRead: return nil
                          }
                      })
    }

    var document: ReportDocument {
        TrustReportDocument.document(rows: rows, total: total, notRead: notRead, comparison: comparison, asOf: asOf, sort: sort, phase: phase)
    }
}
