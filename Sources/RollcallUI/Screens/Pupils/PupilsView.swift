import Attendance

extension AppState {
    func drawPupils(_ p: PupilsScreen, _ g: inout Grid, _ a: Area) {
        let wide = a.width >= 110
        let nameWidth = wide ? 34 : 26
        let header = " " + fit("Pupil", nameWidth) + fit("Class", 7) + fit("Year", 5) + fit("Attend.", 9) + fit("PA/SA", 6) + fit("Band", 8) + fit("Case", wide ? 28 : 14) + "Markers"
        g.put(header, x: a.x, y: a.y, style: .dim, limit: a.width)
        let page = max(1, a.height - 2)
        for (i, row, selected) in p.cursor.visibleRows(count: p.visible.count, page: page) {
            let r = p.rows[p.visible[i]]
            let y = a.y + 1 + row
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            var name = r.name
            if wide, let legal = r.legalName { name += " (\(legal))" }
            x += g.put(fit(name, nameWidth - 1) + " ", x: x, y: y, style: Style(selected: selected))
            x += g.put(fit(r.group, 7), x: x, y: y, style: Style(.dim, selected: selected))
            x += g.put(fit(r.year.description, 5), x: x, y: y, style: Style(.dim, selected: selected))
            let pct = PercentText.of(r.attended, r.possible).map { $0 + "%" } ?? "–"
            x += g.put(fit(pct, 7, right: true) + "  ", x: x, y: y, style: Style(r.persistent ? .alert : .normal, selected: selected))
            x += g.put(fit(r.severe ? "SA" : r.persistent ? "PA" : "", 6), x: x, y: y, style: Style(.alert, bold: true, selected: selected))
            x += g.put(fit(r.band ?? "", 8), x: x, y: y, style: Style(bandTone(r.band), selected: selected))
            x += g.put(fit(r.stages.joined(separator: "; "), wide ? 28 : 14), x: x, y: y, style: Style(.warning, selected: selected))
            g.put(r.markers.joined(separator: " "), x: x, y: y, style: Style(r.vulnerable ? .alert : .dim, selected: selected), limit: a.x + a.width - x)
        }
        let y = a.y + a.height - 1
        if p.searching || !p.search.isEmpty {
            g.put(" Find: ", x: a.x, y: y, style: .title)
            if p.searching { p.search.draw(into: &g, x: a.x + 7, y: y, width: 30) } else { g.put(p.search.text, x: a.x + 7, y: y) }
        }
    }

    func bandTone(_ band: String?) -> Tone {
        switch band?.lowercased() {
        case "green": return .present
        case "amber", "yellow": return .late
        case "red": return .unauthorised
        default: return .dim
        }
    }
}
