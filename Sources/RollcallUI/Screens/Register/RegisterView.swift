import Attendance

extension AppState {
    /// One row per pupil: name (and legal name), UPN, the mark, minutes late, the last ten
    /// sessions as a coloured strip.
    func drawRegister(_ r: RegisterScreen, _ g: inout Grid, _ a: Area) {
        let wide = a.width >= 110
        let nameWidth = wide ? 30 : 24
        let legalWidth = wide ? 26 : 0
        var header = " " + fit("Pupil", nameWidth)
        if wide { header += fit("Legal name", legalWidth) }
        header += fit("UPN", 15) + fit("Mark", 6) + fit("Late", 7) + "Last 10 sessions"
        g.put(header, x: a.x, y: a.y, style: .dim, limit: a.width)
        let page = max(1, a.height - 1)
        if r.upns.isEmpty { g.put(" No pupils on roll in \(r.group) for this session", x: a.x, y: a.y + 1, style: .dim) }
        for (i, row, selected) in r.cursor.visibleRows(count: r.upns.count, page: page) {
            guard let p = school.pupils[r.upns[i]] else { continue }
            let y = a.y + 1 + row
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            x += g.put(fit(p.knownAs + " " + p.legalSurname, nameWidth - 1) + " ", x: x, y: y, style: Style(selected: selected))
            if wide {
                let legal = p.preferredName == nil ? "" : "\(p.legalForename) \(p.legalSurname)"
                x += g.put(fit(legal, legalWidth), x: x, y: y, style: Style(.dim, selected: selected))
            }
            x += g.put(fit(p.upn, 15), x: x, y: y, style: Style(.dim, selected: selected))
            let mark = shownMark(for: p.upn, at: r.session)
            let problem = unsavedProblem(for: p.upn, at: r.session)
            if let mark {
                g.put(mark.code.symbol, x: x, y: y, style: Style(Charts.tone(for: mark.code), bold: true, selected: selected))
            } else {
                g.put("–", x: x, y: y, style: Style(.dim, selected: selected))
            }
            if selected, let first = r.codePrefix { g.put(first.uppercased() + "…", x: x, y: y, style: Style(.warning, bold: true, selected: true)) }
            x += 6
            x += g.put(fit(mark?.minutesLate.map { "\($0) min" } ?? "", 7), x: x, y: y, style: Style(.late, selected: selected))
            for s in r.recent {
                let code = school.register.mark(for: p.upn, at: s)?.code
                g.put(code.map { String($0.symbol.prefix(1)) } ?? "·", x: x, y: y, style: Style(code.map(Charts.tone(for:)) ?? .dim, selected: selected))
                x += 1
            }
            if let problem {
                g.put(problem.isEmpty ? "  saving…" : "  NOT SAVED: \(problem)", x: x, y: y, style: Style(problem.isEmpty ? .dim : .alert, bold: !problem.isEmpty, selected: selected), limit: a.x + a.width - x)
            }
        }
        if let field = r.search {
            let y = a.y + a.height - 1
            g.fill(x: a.x, y: y, width: a.width, height: 1, style: .normal)
            g.put(" Find: ", x: a.x, y: y, style: .title)
            field.draw(into: &g, x: a.x + 7, y: y, width: 30)
        }
    }
}
