import Attendance
import Foundation

/// One pupil: figures, forecasts, the year's marks as a registration certificate, trends,
/// contacts, cases and the marks' amendment history. A document to scroll.
public struct PupilScreen: Sendable {
    public var upn: String
    public var lines: [StyledLine] = []
    public var top = 0
    /// Show only this kind of chronology entry.
    public var filter: ChronologyEntry.Kind?

    init(upn: String, state: AppState) {
        self.upn = upn
        rebuild(state)
    }

    mutating func rebuild(_ state: AppState) {
        lines = PupilPage.build(upn: upn, state: state, filter: filter)
        top = max(0, min(top, lines.count - 1))
    }
}

extension AppState {
    mutating func pupilKey(_ key: Key, _ p: inout PupilScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .pupil) else { return [] }
        if command == .logContact { return openLog(kind: .call, pupil: "") }
        if command == .requestPenalty { return openPenalty(p.upn) }
        if command == .writeLetter { return openLetters(p.upn) }
        if command == .filterChronology {
            let all = ChronologyEntry.Kind.allCases
            p.filter = p.filter.map { k in all.firstIndex(of: k).flatMap { $0 + 1 < all.count ? all[$0 + 1] : nil } } ?? all.first
            p.rebuild(self)
            if let start = p.lines.firstIndex(where: { $0.text.hasPrefix("Chronology") }) { p.top = min(start, max(0, p.lines.count - 1)) }
            status = StatusLine("Chronology: " + (p.filter.map { "only \($0.title)" } ?? "everything") + " (f for the next)")
            return []
        }
        p.top = scrolled(p.top, command, lines: p.lines.count, page: bodyHeight - 1)
        return []
    }
}

/// Builds the pupil page's lines: the rules come from the domain, this only lays them out.
enum PupilPage {
    static func build(upn: String, state: AppState, filter: ChronologyEntry.Kind? = nil) -> [StyledLine] {
        let school = state.school
        guard let p = school.pupils[upn] else { return [StyledLine("No pupil with UPN \(upn)", .alert)] }
        let today = state.context.today
        let stats = school.statistics
        var out: [StyledLine] = []
        func heading(_ t: String) { out.append(.blank); out.append(StyledLine(t, .title)) }

        // Who
        var who = StyledLine(p.fullName, Style(.normal, bold: true))
        if p.preferredName != nil { who.add("  (legal name \(p.legalForename) \(p.legalSurname))", .dim) }
        who.add("  \(p.yearGroup) · \(p.registrationGroup) · UPN \(p.upn) · born \(p.dateOfBirth.spoken)", .dim)
        out.append(who)
        let flags = p.flags.set.map(\.rawValue)
        if !flags.isEmpty { out.append(StyledLine("Vulnerability: " + flags.joined(separator: ", "), p.flags.isSafeguardingPriority ? .alert : .warning)) }

        // Figures
        heading("Attendance")
        let year = stats.figures(for: upn, in: Statistics.yearToDate(today))
        let fourWeeks = stats.figures(for: upn, in: DateRange(today.adding(days: -27), today))
        let halfTerm = stats.figures(for: upn, in: DateRange(stats.halfTermStart(containing: today), today))
        for (label, f) in [("This year", year), ("Last 4 weeks", fourWeeks), ("This half-term", halfTerm)] {
            var line = StyledLine(fit(label, 16))
            line.add(fit(PercentText.attendance(f) + (f.possible > 0 ? "%" : ""), 7, right: true), f.isPersistentAbsence ? .alert : .normal)
            line.add("   \(f.attended) of \(plural(f.possible, "session")) · authorised absence \(f.authorisedAbsence) · unauthorised \(f.unauthorisedAbsence) · late \(f.lateSessions)", .dim)
            out.append(line)
        }
        var markers: [String] = []
        if year.isSevereAbsence { markers.append("SEVERE ABSENCE (50% or more missed)") } else if year.isPersistentAbsence { markers.append("PERSISTENT ABSENCE (10% or more missed)") }
        if let band = school.casework.policy?.band(forAttended: year.attended, possible: year.possible) { markers.append("band: \(band.name)") }
        if !markers.isEmpty { out.append(StyledLine(markers.joined(separator: " · "), year.isPersistentAbsence ? .alert : .dim)) }

        // Forecasts
        let target = school.casework.policy?.targetPercent
        let fc = school.forecast(for: upn, asOf: today, targetPercent: target)
        heading("Forecast (\(plural(fc.remainingSessions, "session")) left this year)")
        if let n = fc.canMissBeforePersistentAbsence {
            out.append(StyledLine("Can miss \(plural(n, "more session")) this year and stay above \(Int(AttendanceLine.persistentAbsence))% (persistent absence)", n < 10 ? .warning : .normal))
        } else {
            out.append(StyledLine("Will be a persistent absentee this year whatever happens now", .alert))
        }
        if let t = target {
            if let n = fc.canMissBeforeTarget {
                out.append(StyledLine("Can miss \(plural(n, "more session")) and still reach the school's target of \(PercentText.of(Int(t * 10), 1000) ?? "")%", n < 6 ? .warning : .normal))
            } else {
                out.append(StyledLine("Cannot now reach the school's target of \(t)% this year", .warning))
            }
        }
        out.append(StyledLine("\(plural(fc.unauthorisedBeforePenaltyThreshold, "more unauthorised session")) before the penalty-notice threshold (\(PenaltyEligibility.thresholdWords))",
                              fc.unauthorisedBeforePenaltyThreshold <= 2 ? .alert : .normal))

        // Trends
        let yearRange = Statistics.yearToDate(today)
        let weeks = stats.weeklyFigures(for: [upn], in: yearRange)
        heading("Week by week this year")
        out.append(Charts.sparkline(weeks.map(\.figures)))
        heading("Absence by weekday this year")
        out += Charts.weekdayBars(stats.weekdayPattern(for: [upn], in: yearRange))

        // Contacts
        heading("Contacts, in calling order")
        if p.contacts.isEmpty { out.append(StyledLine("No contacts recorded: a phone number is needed for first-day calls", .alert)) }
        for (i, c) in p.contacts.enumerated() {
            var line = StyledLine("\(i + 1). " + fit(c.name, 22))
            line.add(fit(c.relationship, 12), .dim)
            line.add(fit(c.phones.joined(separator: ", "), 30))
            if c.parentalResponsibility { line.add(" parental responsibility", .dim) }
            if c.livesWithPupil { line.add(" · lives with pupil", .dim) }
            out.append(line)
        }

        // Cases
        let files = school.casework.cases(for: upn).filter(\.isOpen)
        heading("Cases")
        if files.isEmpty { out.append(StyledLine("No open case", .dim)) }
        for f in files {
            var line = StyledLine(fit(f.track.replacingOccurrences(of: "_", with: " "), 22) + "stage \(f.stage ?? "")")
            if let r = f.nextReview { line.add("   next review \(r.spoken)", r < today ? .alert : .dim) }
            out.append(line)
            for a in f.actions where a.doneOn == nil {
                let overdue = a.due < today
                out.append(StyledLine("    \(overdue ? "OVERDUE" : "to do  ") \(a.description) (\(a.owner), due \(a.due.spoken))", overdue ? .alert : .normal))
            }
        }

        // The year's marks
        heading("Marks this year (AM and PM; # closed; · no session)")
        out += Charts.yearCalendar(upn: upn, school: school, through: today)

        // Chronology: casework from the domain, register amendments from the audit trail.
        heading("Chronology, newest first: " + (filter.map { "only \($0.title)" } ?? "everything") + "  (f to filter)")
        var entries = school.chronology(for: upn, viewer: state.context.staff)
        if let history = state.histories[upn] {
            for h in history {
                if case .unreadable(let problem) = h.what { out.append(StyledLine("ERROR: \(problem)", .alert)) }
            }
            for h in history where h.isAmendment {
                guard case .mark(let session, let from, let to) = h.what else { continue }
                let parts = h.at.split(separator: " ")
                guard let day = parts.first.flatMap({ SchoolDate(parsing: String($0)) }) else { continue }
                let change = "\(session.date.spoken) \(session.half.label): \(from?.code.symbol ?? "no mark") → \(to?.code.symbol ?? "no mark")"
                entries.append(ChronologyEntry(on: day, time: parts.count > 1 ? String(parts[1]) : nil, kind: .amendment, by: h.who,
                                               text: "register amended: \(change): \(h.reason ?? "")"))
            }
            entries.sort { ($0.on, $0.time ?? "") > ($1.on, $1.time ?? "") }
        } else {
            out.append(StyledLine("Reading the audit trail…", .dim))
        }
        if let filter { entries = entries.filter { $0.kind == filter } }
        if entries.isEmpty { out.append(StyledLine("Nothing recorded" + (filter == nil ? "" : " of this kind"), .dim)) }
        // Long entries (minutes, notes) wrap under their own column rather than being cut off.
        let textWidth = max(20, state.width - 2 - 47)
        for e in entries {
            let pieces = wrap(e.text, textWidth)
            var line = StyledLine(fit(e.on.spoken, 12) + fit(e.time ?? "", 6), .dim)
            line.add(fit(e.kind.rawValue, 13), Style(e.kind == .decision || e.kind == .penalty ? .warning : .dim))
            line.add(fit(e.by, 16), .dim)
            line.add(pieces.first ?? "", e.hidden ? .dim : .normal)
            out.append(line)
            for more in pieces.dropFirst() { out.append(StyledLine(String(repeating: " ", count: 47) + more, e.hidden ? .dim : .normal)) }
        }
        return out
    }
}

extension PupilScreen: ScreenState {
    static let kind = ScreenKind.pupil
    var asScreen: Screen { .pupil(self) }
    static var commands: [AppCommand] {
        [AppCommand("pupil", [.pupil(optional: false)], "Open a pupil's page") { s, input in
            let wanted = input.pupil
            if let p = s.school.pupils[wanted.uppercased()] { return s.openPupil(p.upn) }
            let needle = SearchKey.fold(wanted)
            let matches = needle.isEmpty ? [] : s.school.roll.filter { SearchKey.of($0).contains(needle) }
            if matches.count == 1 { return s.openPupil(matches[0].upn) }
            if matches.isEmpty {
                s.status = StatusLine("No pupil matches \"\(wanted)\"", .warning)
                return []
            }
            var list = PupilsScreen(s)
            list.search = TextField(wanted)
            list.refilter()
            s.push(.pupils(list))
            s.status = StatusLine("\(matches.count) pupils match \"\(wanted)\": choose one and press Enter")
            return []
        }]
    }
    func title(in app: AppState) -> String { "Pupil · " + (app.school.pupils[upn].map { "\($0.fullName) (\($0.registrationGroup))" } ?? upn) }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.pupilKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawDocument(lines, top: top, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
}
