import ArgumentParser
import Attendance
import AttendanceStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print pupils, marks or statistics as CSV or JSON (pupils and marks CSV re-import exactly), casework as JSON, or write a CTF for pupils who leave.")

    enum What: String, ExpressibleByArgument, CaseIterable { case pupils, marks, stats, casework, ctf }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }
    enum Layout: String, ExpressibleByArgument, CaseIterable { case long, string }

    @Argument(help: "pupils, marks, stats, casework (JSON: staff, settings, calendar, policy, closed registers, cases and the contact log) or ctf.") var what: What
    @Argument(help: "For ctf: the UPN of each pupil who leaves.") var upns: [String] = []
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Marks CSV: long (a row per mark, what import marks reads) or string (a row per pupil and year: upn, start_date, marks).")
    var layout: Layout = .long
    @Option(help: "For ctf: the file to write (default: standard output).") var out: String?
    @Option(help: "Marks and stats from this date.") var from: DateArgument?
    @Option(name: .customLong("as-of"), help: "Marks and stats up to this date (stats default: today).") var asOf: DateArgument?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(as: .current()).store
        try store.loadAllYears()
        let school = store.school
        if what != .ctf && !upns.isEmpty { throw ValidationError("UPNs go only with export ctf") }
        if layout == .string && !(what == .marks && format == .csv) { throw ValidationError("--layout string goes only with export marks as CSV") }
        switch what {
        case .casework:
            try store.loadContacts()
            print(Export.caseworkJSON(store.school), terminator: "")
        case .ctf:
            try writeCTF(upns, out: out, store: store)
        case .pupils:
            print(format == .csv ? Export.pupilsCSV(school) : Export.pupilsJSON(school).rendered(), terminator: format == .csv ? "" : "\n")
        case .marks:
            let range = (from != nil || asOf != nil)
                ? DateRange(from?.date ?? SchoolDate(dayNumber: 0), asOf?.date ?? SchoolDate(dayNumber: 200_000)) : nil
            if layout == .string { print(Export.marksStringCSV(school), terminator: ""); return }
            print(format == .csv ? Export.marksCSV(school, in: range) : Export.marksJSON(school, in: range).rendered(), terminator: format == .csv ? "" : "\n")
        case .stats:
            let date = asOf?.date ?? .today()
            let range = DateRange(from?.date ?? AcademicYear(containing: date).firstDay, date)
            let stats = school.statistics
            let weeks = stats.schoolDays.schoolWeeks(count: 10, upTo: date)  // the same for every pupil
            let rows = school.roll.map { p in
                PupilStatsRow(pupil: p, figures: stats.figures(for: p.upn, in: range),
                              recent: stats.unauthorisedInRecentSchoolWeeks(for: p.upn, asOf: date, mondays: weeks),
                              unexplainedDays: stats.consecutiveUnexplainedDays(for: p.upn, asOf: date))
            }
            if format == .json { print(PupilStatsJSON.render(rows)); return }
            let objects = rows.map(PupilStatsJSON.object)
            guard case .object(let first)? = objects.first else { print(PupilStatsJSON.keys.joined(separator: ",")); return }
            print(first.map(\.0).joined(separator: ","))
            for case .object(let pairs) in objects {
                print(pairs.map { v -> String in
                    switch v.1 {
                    case .string(let s): return s
                    case .null: return ""
                    default: return v.1.rendered()
                    }
                }.joined(separator: ","))
            }
        }
    }
}
