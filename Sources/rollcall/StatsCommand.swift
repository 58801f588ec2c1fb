import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Attendance figures per pupil (or per cohort) for the academic year to a date.",
        discussion: "The JSON output is a stable interface for scripts: see docs/stats-json.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }
    enum Grouping: String, ExpressibleByArgument, CaseIterable { case pupil, school, year, group, vulnerable, weekday, week }

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("as-of"), help: "The date the figures are as of (default: today).")
    var asOf: DateArgument?

    @Option(help: "Start of the period (default: 1 September of the academic year of --as-of).")
    var from: DateArgument?

    @Option(help: "table or json.") var format: Format = .table

    @Option(name: .customLong("by"), help: "pupil, school, year, group (registration group), vulnerable, weekday (absence by day of the week) or week (the weekly trend).")
    var grouping: Grouping = .pupil

    @Option(help: "Only this pupil.") var pupil: String?

    func run() throws {
        let store = try storeOptions.open(as: .current()).store
        let date = asOf?.date ?? .today()
        let range = DateRange(from?.date ?? AcademicYear(containing: date).firstDay, date)
        guard range.start <= range.end else { throw ValidationError("--from must be on or before --as-of") }
        try store.loadYears(covering: range)
        let school = store.school
        var pupils = school.roll
        if let pupil {
            let upn = pupil.uppercased()
            pupils = pupils.filter { $0.upn == upn }
            guard !pupils.isEmpty else { throw CleanExit.failure("no pupil with UPN \(upn)") }
        }
        let stats = school.statistics

        if grouping == .weekday || grouping == .week {
            print(PatternOutput.render(grouping == .weekday, stats: stats, upns: pupils.map(\.upn), range: range, json: format == .json))
            return
        }
        if grouping != .pupil {
            let cohorts: [CohortFigures]
            switch grouping {
            case .school: cohorts = stats.cohorts(.wholeSchool, of: pupils, in: range)
            case .year: cohorts = stats.cohorts(.yearGroup, of: pupils, in: range)
            case .group: cohorts = stats.cohorts(.registrationGroup, of: pupils, in: range)
            default: cohorts = stats.cohorts(.vulnerability, of: pupils, in: range)
            }
            print(format == .json ? CohortJSON.render(cohorts) : CohortTable.render(cohorts, range: range))
            return
        }

        let weeks = stats.schoolDays.schoolWeeks(count: 10, upTo: date)  // the same for every pupil
        let rows = pupils.map { p -> PupilStatsRow in
            PupilStatsRow(pupil: p, figures: stats.figures(for: p.upn, in: range),
                          recent: stats.unauthorisedInRecentSchoolWeeks(for: p.upn, asOf: date, mondays: weeks),
                          unexplainedDays: stats.consecutiveUnexplainedDays(for: p.upn, asOf: date))
        }
        print(format == .json ? PupilStatsJSON.render(rows) : PupilStatsTable.render(rows, range: range))
    }
}

struct PupilStatsRow {
    var pupil: Pupil
    var figures: AttendanceFigures
    var recent: Statistics.RecentUnauthorised
    var unexplainedDays: Int
}
