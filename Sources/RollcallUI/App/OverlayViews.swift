import Attendance

extension AppState {
    /// The `:` line at the bottom, with the palette of matching commands above it.
    func drawCommandLine(_ p: CommandPrompt, _ g: inout Grid) {
        let y = height - 2
        g.fill(x: 0, y: y, width: width, height: 1, style: .normal)
        g.put(":", x: 0, y: y, style: .title)
        p.field.draw(into: &g, x: 1, y: y, width: width - 2)
        // As many as there is room for above the line (below the header); more scroll with
        // the one chosen kept in view.
        let room = max(1, y - 1)
        let first = min(max(0, p.selected - room + 1), max(0, p.suggestions.count - room))
        let shown = Array(p.suggestions.dropFirst(first).prefix(room))
        let top = y - shown.count
        for (i, s) in shown.enumerated() {
            let row = top + i
            let selected = first + i == p.selected
            g.fill(x: 0, y: row, width: width, height: 1, style: Style(.normal, selected: selected))
            g.put(" " + fit(s.label, 28), x: 0, y: row, style: Style(.normal, bold: true, selected: selected))
            g.put(s.detail, x: 30, y: row, style: Style(.dim, selected: selected), limit: width - 31)
        }
        g.fill(x: 0, y: height - 1, width: width, height: 1, style: Style(.dim, selected: true))
        g.put(" " + Bindings.hints(for: .commandLine), x: 0, y: height - 1, style: Style(.dim, selected: true))
    }

    /// A box in the middle of the screen.
    func drawBox(title: String, lines given: [String], hints: String, _ g: inout Grid, extraRows: Int = 0, minWidth: Int = 50) -> Area {
        let w = min(width - 4, max(minWidth, (given + [title, hints]).map(DisplayWidth.of).max()! + 4))
        let lines = given.flatMap { wrap($0, w - 4) }
        let h = min(height - 2, lines.count + 4 + extraRows)
        let x = (width - w) / 2, y = max(1, (height - h) / 2)
        g.fill(x: x, y: y, width: w, height: h, style: .normal)
        let border = Style(.title)
        g.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, style: border)
        for row in (y + 1)..<(y + h - 1) {
            g.put("│", x: x, y: row, style: border)
            g.put("│", x: x + w - 1, y: row, style: border)
        }
        g.put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, style: border)
        g.put(" \(title) ", x: x + 2, y: y, style: .title)
        for (i, line) in lines.enumerated() where y + 1 + i < y + h - 2 {
            g.put(line, x: x + 2, y: y + 1 + i, limit: w - 4)
        }
        g.put(hints, x: x + 2, y: y + h - 2, style: .dim, limit: w - 4)
        return Area(x: x + 2, y: y + 1 + lines.count, width: w - 4, height: extraRows)
    }

    func drawDialog(_ d: Dialog, _ g: inout Grid) {
        var hints = d.confirmingDiscard ? "Throw away what you typed? " + Bindings.hints(for: .discard) : d.hints
        if d.confirmingMarkN, case .unmarkedBeforeClose(_, _, let upns) = d.purpose { hints = "Mark \(plural(upns.count, "pupil")) N and close? y/n" }
        let area = drawBox(title: d.title, lines: d.lines, hints: hints, &g, extraRows: d.field == nil ? 0 : 1)
        if let field = d.field { field.draw(into: &g, x: area.x, y: area.y, width: area.width, style: Style(.normal, bold: true)) }
    }

    func drawLateArrival(_ f: LateArrivalForm, _ g: inout Grid) {
        let name = school.pupils[f.upn]?.fullName ?? f.upn
        let preview: String
        switch f.mark(in: school, today: context.today, now: context.minutes) {
        case .success(let m) where m.minutesLate == nil: preview = "Will be recorded as \(m.code.symbol): present (there by the time the register opened)"
        case .success(let m): preview = "Will be recorded as \(m.code.symbol) (\(m.code.meaning)), \(plural(m.minutesLate ?? 0, "minute")) late"
        case .failure(let p): preview = p.text
        }
        let area = drawBox(title: "Late arrival: \(name)", lines: [preview, ""], hints: Bindings.hints(for: .lateArrival), &g, extraRows: 2)
        g.put("Arrived at ", x: area.x, y: area.y, style: f.focus == 0 ? .title : .dim)
        if f.focus == 0 { f.time.draw(into: &g, x: area.x + 11, y: area.y, width: 8) } else { g.put(f.time.text, x: area.x + 11, y: area.y) }
        g.put("Reason     ", x: area.x, y: area.y + 1, style: f.focus == 1 ? .title : .dim)
        if f.focus == 1 { f.reason.draw(into: &g, x: area.x + 11, y: area.y + 1, width: area.width - 12) } else { g.put(f.reason.text, x: area.x + 11, y: area.y + 1, limit: area.width - 12) }
    }
}
