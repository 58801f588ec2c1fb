import Attendance
import Foundation

/// The home screen: what needs doing today, each line opening what it is about.
public struct TodayScreen: Sendable {
    public var lines: [TodayLine] = []
    public var cursor = ListCursor()
    /// The school version the lines were built from.
    var builtFor = -1

    public enum Target: Hashable, Sendable {
        case register(group: String, half: SessionHalf)
        case pupil(String)
        case absentees
    }

    public struct TodayLine: Hashable, Sendable {
        public var line: StyledLine
        public var target: Target?
    }

    init(_ state: AppState) { rebuild(state) }

    mutating func rebuild(_ state: AppState) {
        guard builtFor != state.schoolVersion else { return }
        builtFor = state.schoolVersion
        let selected = lines.indices.contains(cursor.selected) ? lines[cursor.selected].target : nil
        lines = TodayScreen.build(state)
        if let selected, let i = lines.firstIndex(where: { $0.target == selected }) { cursor.selected = i }
        else if lines.indices.contains(cursor.selected), lines[cursor.selected].target == nil,
                let i = lines.firstIndex(where: { $0.target != nil }) { cursor.selected = i }
        cursor.clamp(count: lines.count, page: state.bodyHeight)
    }

    static func heading(_ text: String) -> TodayLine { TodayLine(line: StyledLine(text, .title), target: nil) }
    static func plain(_ text: String, _ style: Style = .dim) -> TodayLine { TodayLine(line: StyledLine("  " + text, style), target: nil) }

    static func build(_ state: AppState) -> [TodayLine] {
        let school = state.school
        let day = state.context.today
        var out: [TodayLine] = []

        // Registers for the current session, by class.
        let half = state.context.currentHalf
        let session = Session(day, half)
        let open = school.openSessions(on: day)
        if open.isEmpty {
            out.append(heading("Registers"))
            out.append(plain("The school is closed today"))
        } else {
            let roll = school.onRoll(at: session)
            let marks = school.register.marks(at: session)
            // Per class, in roll order: on roll, marked, absent.
            var byGroup: [(group: String, onRoll: Int, marked: Int, absent: Int)] = []
            for p in roll {
                if byGroup.last?.group != p.registrationGroup { byGroup.append((p.registrationGroup, 0, 0, 0)) }
                byGroup[byGroup.count - 1].onRoll += 1
                if let m = marks[p.upn] {
                    byGroup[byGroup.count - 1].marked += 1
                    if m.code.counting.isAbsence { byGroup[byGroup.count - 1].absent += 1 }
                }
            }
            let taken = byGroup.filter { $0.onRoll == $0.marked }.count
            out.append(heading("Registers \(half.label): \(taken) of \(byGroup.count) taken"))
            for (group, onRoll, marked, absent) in byGroup {
                var line = StyledLine("  " + fit(group, 8))
                let closed = school.isClosed(group: group, session: session)
                if marked == onRoll {
                    line.add(fit(closed ? "closed" : "taken", 10), .good)
                } else if marked == 0 {
                    line.add(fit("not taken", 10), Style(.warning, bold: true))
                } else {
                    line.add(fit("\(marked)/\(onRoll) marked", 10), .warning)
                }
                if absent > 0 { line.add("  \(absent) absent", .dim) }
                out.append(TodayLine(line: line, target: .register(group: group, half: half)))
            }
            out.append(TodayLine(line: StyledLine("  Absentee report for \(half.label) →", .dim), target: .absentees))
        }

        // Absent with no reason known yet: N, or O (the calling list holds both).
        let calls = school.callingList(on: day)
        out.append(.init(line: .blank, target: nil))
        out.append(heading("No reason known yet (N or O): \(calls.count)"))
        if calls.isEmpty { out.append(plain("Nobody")) }
        for e in calls {
            var line = StyledLine("  ")
            line.add(e.vulnerable ? "! " : "  ", .alert)
            line.add(fit(e.pupil.fullName, 24))
            line.add(fit(e.pupil.registrationGroup, 6), .dim)
            let dayStyle: Style = e.daysUnexplained >= 10 ? .alert : e.daysUnexplained >= 3 ? .warning : .normal
            line.add(fit("day \(e.daysUnexplained)", 8), dayStyle)
            line.add(e.triedToday.isEmpty ? "not called yet" : "\(plural(e.triedToday.count, "contact")) tried today", e.triedToday.isEmpty ? .warning : .dim)
            out.append(TodayLine(line: line, target: .pupil(e.pupil.upn)))
        }

        // Calls and home visits due: the domain's rule, as `rollcall today` counts them.
        let due = school.followUpsDue(on: day).map { ($0.pupil, $0.entry) }
        out.append(.init(line: .blank, target: nil))
        if state.contactLogRead {
            out.append(heading("Calls and home visits due: \(due.count)"))
            if due.isEmpty { out.append(plain("None")) }
        } else {
            out.append(heading("Calls and home visits due"))
            out.append(plain("Reading the contact log…"))
        }
        for (p, e) in due.prefix(30) {
            var line = StyledLine("    " + fit(p.fullName, 24))
            line.add(fit(p.registrationGroup, 6), .dim)
            let late = e.followUp! < day
            line.add(late ? "follow-up overdue since \(e.followUp!.spoken)" : "follow-up today", late ? .alert : .warning)
            line.add("  (\(e.kind.rawValue.replacingOccurrences(of: "_", with: " ")) on \(e.on.spoken))", .dim)
            out.append(TodayLine(line: line, target: .pupil(p.upn)))
        }

        // Reviews and actions due or overdue.
        var cases: [(Pupil, String, Style)] = []
        let weekAhead = day.adding(days: 7)
        for file in school.casework.openCases {
            guard let p = school.pupils[file.upn] else { continue }
            if let r = file.nextReview, r <= weekAhead {
                cases.append((p, "\(file.track): review \(r < day ? "overdue since" : "due") \(r.spoken)", r < day ? .alert : .warning))
            }
            let overdue = file.overdueActions(asOf: day)
            if !overdue.isEmpty {
                cases.append((p, "\(file.track): \(plural(overdue.count, "action")) overdue (\(overdue[0].description))", .alert))
            }
        }
        cases.sort { ($0.2.tone == .alert ? 0 : 1, $0.0.listName) < ($1.2.tone == .alert ? 0 : 1, $1.0.listName) }
        out.append(.init(line: .blank, target: nil))
        out.append(heading("Reviews and actions due or overdue: \(cases.count)"))
        if cases.isEmpty { out.append(plain("None")) }
        for (p, text, style) in cases {
            var line = StyledLine("    " + fit(p.fullName, 24))
            line.add(fit(p.registrationGroup, 6), .dim)
            line.add(text, style)
            out.append(TodayLine(line: line, target: .pupil(p.upn)))
        }

        // Alerts: the policy's unexplained-absence steps and the LA duties (the domain's),
        // part-time timetables ending.
        var alerts: [TodayLine] = []
        for a in school.absenceAlerts(on: day, calls: calls) {
            alerts.append(TodayLine(line: StyledLine([.init("  ! ", .alert), .init(fit(a.pupil.fullName, 24)), .init(a.text, a.tellsTheLA ? .alert : .warning)]), target: .pupil(a.pupil.upn)))
        }
        for (upn, list) in school.casework.timetables {
            guard let p = school.pupils[upn] else { continue }
            for t in list where (t.ends >= day.adding(days: -7) && t.ends <= weekAhead) || (t.reviewOn <= day && t.ends >= day) {
                let text = t.ends < day ? "part-time timetable ended \(t.ends.spoken): back to full time?" : t.reviewOn <= day ? "part-time timetable review due \(t.reviewOn.spoken)" : "part-time timetable ends \(t.ends.spoken)"
                alerts.append(TodayLine(line: StyledLine([.init("  ! ", .warning), .init(fit(p.fullName, 24)), .init(text, .warning)]), target: .pupil(upn)))
            }
        }
        out.append(.init(line: .blank, target: nil))
        out.append(heading("Alerts: \(alerts.count)"))
        if alerts.isEmpty { out.append(plain("None")) }
        out += alerts
        return out
    }
}

extension AppState {
    mutating func todayKey(_ key: Key, _ t: inout TodayScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .today) else { return [] }
        let lines = t.lines
        if t.cursor.move(command, count: lines.count, page: bodyHeight, selectable: { lines[$0].target != nil }) { return [] }
        guard command == .open, t.lines.indices.contains(t.cursor.selected), let target = t.lines[t.cursor.selected].target else { return [] }
        switch target {
        case .register(let group, let half): return openRegister(group: group, half: half)
        case .pupil(let upn): return openPupil(upn)
        case .absentees:
            push(.report(AbsenteeReport(session: Session(context.today, context.currentHalf), state: self)))
            return []
        }
    }
}

extension TodayScreen: ScreenState {
    static let kind = ScreenKind.today
    var asScreen: Screen { .today(self) }
    static var commands: [AppCommand] {
        [AppCommand("today", "The day at a glance: registers, absences, calls, reviews, alerts") { s, _ in s.openToday() }]
    }
    func title(in app: AppState) -> String { "Today" }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.todayKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawToday(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
}
