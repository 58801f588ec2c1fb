import Attendance

/// `:reports`: the school, each year group, each class and each vulnerable group this year:
/// attendance, persistent and severe absence, unauthorised absence, the weeks as a
/// sparkline; absence by weekday for the selected group. Enter lists its pupils.
public struct ReportsScreen: Sendable {
    public struct Row: Hashable, Sendable {
        public var heading: String?
        public var cohort: CohortFigures?
        public var upns: [String]
        public var weeks: [AttendanceFigures]
    }

    public var rows: [Row] = []
    public var cursor = ListCursor()
    var builtFor = -1

    init(_ state: AppState) { rebuild(state) }

    mutating func rebuild(_ state: AppState) {
        guard builtFor != state.schoolVersion else { return }
        builtFor = state.schoolVersion
        let school = state.school
        let stats = school.statistics
        let range = Statistics.yearToDate(state.context.today)
        let roll = school.roll
        var out: [Row] = []
        func add(_ heading: String, _ groups: [(String, [Pupil])]) {
            out.append(Row(heading: heading, cohort: nil, upns: [], weeks: []))
            for (name, pupils) in groups where !pupils.isEmpty {
                let upns = pupils.map(\.upn)
                out.append(Row(heading: nil, cohort: stats.cohort(named: name, pupils: upns, in: range), upns: upns,
                               weeks: stats.weeklyFigures(for: upns, in: range).map(\.figures)))
            }
        }
        add("School", [("Whole school", roll)])
        let years = Dictionary(grouping: roll, by: \.yearGroup)
        add("Year groups", years.keys.sorted().map { ($0.description, years[$0]!) })
        add("Classes", school.registrationGroups.map { g in (g, roll.filter { $0.registrationGroup == g }) })
        add("Vulnerable groups", VulnerabilityFlags.Flag.allCases.map { f in (f.rawValue, roll.filter { $0.flags[f] }) })
        rows = out
        if !rows.indices.contains(cursor.selected) || rows[cursor.selected].cohort == nil { cursor.selected = rows.firstIndex { $0.cohort != nil } ?? 0 }
    }

    var selected: Row? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }
}

extension AppState {
    mutating func openReports() -> [Effect] {
        if let existing = screens.last(where: { $0.kind == .reports }) { push(existing, existing: true) } else { push(.reports(ReportsScreen(self))) }
        return []
    }

    mutating func reportsKey(_ key: Key, _ r: inout ReportsScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .reports) else { return [] }
        let page = max(1, bodyHeight - 8)
        let rows = r.rows
        if r.cursor.move(command, count: rows.count, page: page, selectable: { rows[$0].cohort != nil }) { return [] }
        guard command == .open, let row = r.selected, let cohort = row.cohort else { return [] }
        var list = PupilsScreen(self)
        list.only = (cohort.name, Set(row.upns))
        list.sort = .attendance
        list.refilter()
        push(.pupils(list))
        return []
    }

    func drawReports(_ r: ReportsScreen, _ g: inout Grid, _ a: Area) {
        let page = max(1, a.height - 8)
        let nameWidth = a.width >= 110 ? 22 : 16
        g.put(" " + fit("Group", nameWidth) + fit("Pupils", 7) + fit("Attend.", 8) + fit("PA", 7) + fit("SA", 7) + fit("Unauth.", 8) + "Weeks this year",
              x: a.x, y: a.y, style: .dim, limit: a.width)
        for (i, row, selected) in r.cursor.visibleRows(count: r.rows.count, page: page) {
            let y = a.y + 1 + row
            let line = r.rows[i]
            guard let c = line.cohort else {
                g.put(" " + (line.heading ?? ""), x: a.x, y: y, style: .title)
                continue
            }
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            let f = c.figures
            func cell(_ text: String, _ width: Int, _ tone: Tone = .normal) { x += g.put(fit(text, width), x: x, y: y, style: Style(tone, selected: selected)) }
            cell(c.name, nameWidth)
            cell("\(c.pupilCount)", 7, .dim)
            cell(PercentText.attendance(f) + "%", 8, f.isPersistentAbsence ? .alert : .normal)
            cell((PercentText.of(c.persistentAbsentees, c.pupilCount) ?? "–") + "%", 7, c.persistentAbsentees > 0 ? .warning : .dim)
            cell((PercentText.of(c.severeAbsentees, c.pupilCount) ?? "–") + "%", 7, c.severeAbsentees > 0 ? .alert : .dim)
            cell((PercentText.of(f.unauthorisedAbsence, f.possible) ?? "–") + "%", 8, .dim)
            var spark = Charts.sparkline(line.weeks)
            spark.spans = spark.spans.filter { !$0.text.hasPrefix("  latest") }
            spark.draw(into: &g, x: x, y: y, width: a.x + a.width - x, selected: selected)
        }
        guard let row = r.selected, let c = row.cohort else { return }
        var y = a.y + page + 2
        g.put(" Absence by weekday this year: \(c.name)", x: a.x, y: y, style: .title)
        y += 1
        let pattern = school.statistics.weekdayPattern(for: row.upns, in: Statistics.yearToDate(context.today))
        for line in Charts.weekdayBars(pattern) where y < a.y + a.height {
            line.draw(into: &g, x: a.x + 1, y: y, width: a.width - 2)
            y += 1
        }
    }
}

extension ReportsScreen: ScreenState {
    static let kind = ScreenKind.reports
    var asScreen: Screen { .reports(self) }
    static var commands: [AppCommand] {
        [AppCommand("reports", "The school, years, classes and vulnerable groups: attendance, PA, SA, trends") { s, _ in s.openReports() }]
    }
    func title(in app: AppState) -> String { "Reports · this year to \(app.context.today.spoken) · Enter lists a group's pupils" }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.reportsKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawReports(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
}
