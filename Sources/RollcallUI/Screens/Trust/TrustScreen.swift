import Attendance

/// `:trust`: every school of the trust the app was started with (`--stores`), or of the
/// database where the login has the trust role, most concern first, with the total and
/// England's figures; Enter shows a school's day, read-only.
public struct TrustScreen: Sendable {
    public var cursor = ListCursor()

    public init() {}
}

/// One school of the trust, Today-style and read-only: the year's figures, the day's
/// registers and calls, LA duties and the caseload. Pupils are named only where the login
/// is on the school's own staff.
public struct TrustSchoolScreen: Sendable {
    public var id: String
    public var name: String
    public var lines: [StyledLine]
    public var top = 0

    init(_ s: TrustOverview.School, row: TrustRow, state: AppState) {
        id = s.id
        name = s.school?.name ?? row.name
        lines = Self.build(s, row: s.row ?? row, today: state.context.today, time: state.context.minutes)
    }

    static func build(_ s: TrustOverview.School, row: TrustRow, today: SchoolDate, time minutes: Int) -> [StyledLine] {
        guard let school = s.school else {
            guard s.readsOnRequest else { return published(row) }
            return [StyledLine("You are on this school's staff: reading its records…", .dim), .blank] + published(row).dropFirst(3)
        }
        let date = row.asOf
        var out: [StyledLine] = []
        out.append(StyledLine(s.mayReadNames ? "You are on this school's staff: read-only here; open its own store to make changes."
                                             : "Figures only: you are not on this school's staff, so no pupil is named.", .dim))
        out.append(.blank)
        out += year(row)
        out.append(StyledLine("Registers \(date.spoken)", .title))
        let open = school.openSessions(on: date)
        if open.isEmpty { out.append(StyledLine("  The school is closed that day.", .dim)) }
        let due = Set(school.registersDue(on: date, time: date == today ? ClockTime(hour: minutes / 60, minute: minutes % 60) : nil))
        for half in open {
            let missing = school.registersNotTaken(at: Session(date, half))
            let words = !due.contains(half) ? "not yet due" : missing.isEmpty ? "all taken" : "not taken: " + missing.map(\.words).joined(separator: ", ")
            out.append(StyledLine("  \(half.label): \(words)", missing.isEmpty || !due.contains(half) ? .normal : .warning))
        }
        out.append(.blank)
        let calls = school.callingList(on: date)
        out.append(StyledLine("No reason known yet (N or O): \(calls.count), \(row.callsNotMade) not yet called", .title))
        if s.mayReadNames {
            for c in calls { out.append(StyledLine("  \(c.vulnerable ? "!" : " ") \(c.pupil.listName) (\(c.pupil.registrationGroup)): day \(c.daysUnexplained)\(c.triedToday.isEmpty ? ", not called yet" : "")")) }
        }
        out.append(.blank)
        out.append(StyledLine("Duties to the LA: \(row.dutiesOwed) owed, \(row.dutiesOverdue) overdue", .title))
        if s.mayReadNames {
            for d in school.laDuties(asOf: date) where d.done == nil {
                out.append(StyledLine("  \(school.pupils[d.upn]?.listName ?? d.upn): \(d.text)", d.due < date ? .alert : .normal))
            }
        }
        out.append(.blank)
        out += caseload(row, policy: school.casework.policy?.name)
        return out
    }

    /// A school known only by the figures its staff published (the trust role reads nothing
    /// else in the database): the same summary in counts, and why no pupil is named.
    static func published(_ row: TrustRow) -> [StyledLine] {
        var out: [StyledLine] = []
        out.append(StyledLine("Published figures only: you are not on this school's staff, so no pupil is named.", .dim))
        out.append(StyledLine("The trust's role reads each school's counts as its staff's Rollcall published them, never its records.", .dim))
        out.append(.blank)
        out += year(row)
        out.append(StyledLine("Registers \(row.asOf.spoken)", .title))
        out.append(StyledLine("  " + (row.registersNotTaken == 0 ? "all taken that were due" : "\(plural(row.registersNotTaken, "register")) due and not taken"),
                              row.registersNotTaken == 0 ? .normal : .warning))
        out.append(.blank)
        out.append(StyledLine("No reason known yet (N or O): \(row.callsNotMade) not yet called", .title))
        out.append(.blank)
        out.append(StyledLine("Duties to the LA: \(row.dutiesOwed) owed, \(row.dutiesOverdue) overdue", .title))
        out.append(.blank)
        out += caseload(row, policy: nil)
        return out
    }

    /// The year's figures, from the row (the same whether the school was read or published).
    static func year(_ row: TrustRow) -> [StyledLine] {
        func pct(_ v: Double?) -> String { v.map(PercentText.truncated).map { $0 + "%" } ?? "–" }
        return [
            StyledLine("The year to \(row.asOf.spoken) (\(row.phase?.rawValue ?? "no pupils on roll"))", .title),
            StyledLine("  \(row.pupils) pupils of compulsory school age · attendance \(pct(row.attendancePercent))"),
            StyledLine("  Absence: authorised \(pct(row.authorisedAbsencePercent)) · unauthorised \(pct(row.unauthorisedAbsencePercent))"),
            StyledLine("  Persistent absence \(pct(row.persistentAbsencePercent)) (\(row.figures.persistentAbsentees)) · severe \(pct(row.severeAbsencePercent)) (\(row.figures.severeAbsentees))"),
            .blank,
        ]
    }

    static func caseload(_ row: TrustRow, policy: String?) -> [StyledLine] {
        [StyledLine("Caseload: \(row.openCases) open case\(row.openCases == 1 ? "" : "s")\(policy.map { " (\($0))" } ?? "")", .title),
         StyledLine("  " + StageFamily.allCases.map { "\($0.label) \(row.pupils(at: $0))" }.joined(separator: " · "))]
    }
}

extension AppState {
    mutating func openTrust() -> [Effect] {
        guard context.trust != .none else {
            status = StatusLine("No trust to show: start Rollcall with --stores DIR… (each a school's store), or with --database URL as a login granted the trust role (rollcall_trust)", .warning)
            return []
        }
        if let existing = screens.last(where: { $0.kind == .trust }) { push(existing, existing: true) } else { push(.trust(TrustScreen())) }
        guard trust == nil else { return context.trust == .database ? trustRefreshDue() : [] }
        return trustRefreshDue()
    }

    /// Reads the trust's figures (again) if `:trust` is open and no read is under way: at
    /// `:trust`, at start for a login that is staff nowhere, and on the driver's timer for a
    /// database (whose schools publish as they run). A store directory's trust is read once.
    mutating func trustRefreshDue() -> [Effect] {
        guard context.trust != .none, !trustLoading, screens.contains(where: { $0.kind == .trust || $0.kind == .trustSchool }) else { return [] }
        trustLoading = true
        trustGeneration += 1
        if trust == nil {
            switch context.trust {
            case .stores(let n): status = StatusLine("Reading \(plural(n, "school"))…")
            default: status = StatusLine("Reading the trust's figures…")
            }
        }
        return [.loadTrust(generation: trustGeneration)]
    }

    mutating func trustLoaded(_ overview: TrustOverview) {
        let before = trust
        trust = overview
        trustReading = nil
        // Schools whose records were read for their page keep them (they are not read again).
        for (id, s) in before?.schools ?? [:] where s.school != nil && overview.schools[id]?.readsOnRequest == true { trust?.schools[id] = s }
        trustLoading = false
        // A read again keeps the cursor on the school it was on, wherever the new order puts it,
        // and a school's page open shows its new figures.
        for i in screens.indices {
            switch screens[i] {
            case .trust(var t):
                if let old = before, old.rows.indices.contains(t.cursor.selected),
                   let at = overview.rows.firstIndex(where: { $0.id == old.rows[t.cursor.selected].id }) {
                    t.cursor.selected = at
                }
                screens[i] = .trust(t)
            case .trustSchool(var page):
                if let row = overview.rows.first(where: { $0.id == page.id }), let s = trust?.schools[page.id] {
                    let top = page.top
                    page = TrustSchoolScreen(s, row: row, state: self)
                    page.top = top
                    screens[i] = .trustSchool(page)
                }
            default: break
            }
        }
        guard before == nil, screen.kind == .trust else { return }
        status = StatusLine("\(overview.rows.count) schools read" + (overview.notRead.isEmpty ? "" : "; \(overview.notRead.count) not read (listed below)")
                            + (context.staffNowhere ? " · you are a trust lead, staff at no school: Enter shows a school's figures" : ""))
    }

    mutating func trustKey(_ key: Key, _ t: inout TrustScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .trust), let overview = trust else { return [] }
        let page = max(1, bodyHeight - 6)
        if t.cursor.move(command, count: overview.rows.count, page: page, selectable: { _ in true }) { return [] }
        guard command == .open, overview.rows.indices.contains(t.cursor.selected) else { return [] }
        let row = overview.rows[t.cursor.selected]
        guard let s = overview.schools[row.id] else { return [] }
        push(.trustSchool(TrustSchoolScreen(s, row: row, state: self)))
        // The login's own school in the database: its records are read now, off the loop.
        if s.readsOnRequest {
            status = StatusLine("Reading \(row.name)'s records (you are on its staff)…")
            return [.loadTrustSchool(id: s.id)]
        }
        return []
    }

    mutating func trustSchoolLoaded(_ s: TrustOverview.School) {
        guard trust != nil, let row = trust?.rows.first(where: { $0.id == s.id }) else { return }
        trust?.schools[s.id] = s
        for i in screens.indices {
            guard case .trustSchool(let page) = screens[i], page.id == s.id else { continue }
            var read = TrustSchoolScreen(s, row: row, state: self)
            read.top = page.top
            screens[i] = .trustSchool(read)
        }
        if screen.kind == .trustSchool { status = nil }
    }

    mutating func trustSchoolKey(_ key: Key, _ s: inout TrustSchoolScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .trustSchool) else { return [] }
        s.top = scrolled(s.top, command, lines: s.lines.count, page: bodyHeight)
        return []
    }

    func drawTrust(_ t: TrustScreen, _ g: inout Grid, _ a: Area) {
        guard let overview = trust else {
            g.put(" Reading the trust's schools…", x: a.x, y: a.y, style: .dim, limit: a.width)
            return
        }
        let wide = a.width >= 110
        let nameWidth = wide ? 28 : 20
        func pct(_ v: Double?) -> String { v.map(PercentText.truncated) ?? "–" }
        func line(_ r: TrustRow) -> [String] {
            [pct(r.attendancePercent), pct(r.unauthorisedAbsencePercent), pct(r.persistentAbsencePercent), pct(r.severeAbsencePercent),
             "\(r.openCases)", "\(r.dutiesOverdue)/\(r.dutiesOwed)", "\(r.registersNotTaken)", "\(r.callsNotMade)"]
                + (wide ? StageFamily.allCases.map { "\(r.pupils(at: $0))" } : [])
        }
        let widths = [7, 8, 6, 6, 6, 8, 5, 6] + (wide ? [7, 8, 9, 5] : [])
        let headers = ["Att %", "Unauth", "PA %", "SA %", "Cases", "LA o/d", "Regs", "Calls"] + (wide ? ["Early", "Interv", "Enforce", "LA"] : [])
        var header = " " + fit("School", nameWidth) + fit("Pupils", 7)
        for (h, w) in zip(headers, widths) { header += fit(h, w) }
        g.put(header, x: a.x, y: a.y, style: .dim, limit: a.width)
        let page = max(1, a.height - 6)
        func draw(_ r: TrustRow, y: Int, selected: Bool, bold: Bool = false) {
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            x += g.put(fit(r.name, nameWidth - 1) + " ", x: x, y: y, style: Style(.normal, bold: bold, selected: selected))
            x += g.put(fit("\(r.pupils)", 7), x: x, y: y, style: Style(.dim, selected: selected))
            for (i, (cell, w)) in zip(line(r), widths).enumerated() {
                let tone: Tone = i == 2 && (r.persistentAbsencePercent ?? 0) >= 20 ? .alert : i == 5 && r.dutiesOverdue > 0 ? .warning : .normal
                x += g.put(fit(cell, w), x: x, y: y, style: Style(tone, bold: bold, selected: selected))
            }
        }
        for (i, row, selected) in t.cursor.visibleRows(count: overview.rows.count, page: page) {
            draw(overview.rows[i], y: a.y + 1 + row, selected: selected)
        }
        var y = a.y + 1 + min(page, overview.rows.count)
        // Part of the trust read: how far, and no total yet (a total of some schools would mislead).
        if let reading = trustReading {
            g.put(" Reading schools: \(reading.done) of \(reading.of)… (the trust total and England's figures follow)", x: a.x, y: y, style: .dim, limit: a.width)
            y += 1
        } else {
            draw(overview.total, y: y, selected: false, bold: true)
            y += 1
        }
        if trustReading == nil, let n = overview.national {
            let values = [NationalFigures.Measure.overallAbsence, .unauthorisedAbsence, .persistentAbsence, .severeAbsence]
                .map { m in n.values[m].map { "\(m.label.replacingOccurrences(of: " %", with: "")) \(TrustNumbers.published($0))%" } }
                .compactMap { $0 }
            g.put(" England (\(n.label)): " + values.joined(separator: " · ") + " · trust absence " + pct(overview.total.overallAbsencePercent) + "%",
                  x: a.x, y: y, style: .dim, limit: a.width)
            y += 1
            g.put(" Source: " + n.source, x: a.x, y: y, style: .dim, limit: a.width)
            y += 1
        }
        if !overview.notRead.isEmpty, y < a.y + a.height {
            g.put(" Not read: " + overview.notRead.map { "\($0.id) (\($0.reason))" }.joined(separator: "; "), x: a.x, y: y, style: .warning, limit: a.width)
        }
    }
}

/// National figures as the release prints them (6.38, 5.5), not cut to one decimal.
enum TrustNumbers {
    static func published(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

extension TrustScreen: ScreenState {
    static let kind = ScreenKind.trust
    var asScreen: Screen { .trust(self) }
    static var commands: [AppCommand] {
        [AppCommand("trust", "Every school of the trust (--stores, or the database's trust role): figures, cases, duties; Enter shows one") { s, _ in s.openTrust() }]
    }
    func title(in app: AppState) -> String {
        "Trust · " + (app.trustReading.map { "reading: \($0.done) of \(plural($0.of, "school")) so far · most concern first · Enter shows a school" }
            ?? app.trust.map { "\(plural($0.rows.count, "school")) · the year to \($0.asOf.spoken) · most concern first · Enter shows a school" } ?? "reading the schools")
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.trustKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawTrust(self, &g, area) }
}

extension TrustSchoolScreen: ScreenState {
    static let kind = ScreenKind.trustSchool
    var asScreen: Screen { .trustSchool(self) }
    func title(in app: AppState) -> String { "Trust · \(name) · read-only" }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.trustSchoolKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawDocument(lines, top: top, &g, area) }
}
