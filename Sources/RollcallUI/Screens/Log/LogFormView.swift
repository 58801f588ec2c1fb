import Attendance

extension AppState {
    func drawLog(_ f: LogForm, _ g: inout Grid, _ a: Area) {
        let pupil = school.pupils[f.upn]
        var y = a.y
        let labelWidth = 20
        for field in f.fields where y < a.y + a.height - 2 {
            let focused = field == f.focus
            g.put(" " + fit(field.label, labelWidth - 1), x: a.x, y: y, style: focused ? .title : .dim)
            let x = a.x + labelWidth
            let width = a.width - labelWidth - 1
            if field.isText {
                let value = f.text[field] ?? TextField()
                if field == .note || field == .concerns || field == .goingWell {
                    // Free text wraps over three lines; the line being typed is the last shown.
                    let lines = wrap(value.text, width)
                    if focused && lines.count <= 1 {
                        value.draw(into: &g, x: x, y: y, width: width, style: Style(.normal, bold: true))
                    } else {
                        for (i, line) in lines.suffix(3).enumerated() { g.put(line, x: x, y: y + i, style: Style(.normal, bold: focused)) }
                        if focused { g.put("▏", x: min(a.x + a.width - 1, x + DisplayWidth.of(lines.last ?? "")), y: y + min(2, lines.count - 1), style: Style(.normal, selected: true)) }
                    }
                    y += max(1, min(3, lines.count))
                    continue
                }
                if focused { value.draw(into: &g, x: x, y: y, width: width, style: Style(.normal, bold: true)) } else { g.put(value.text, x: x, y: y, limit: width) }
            } else {
                let options = f.options(field, pupil: pupil)
                let shown: String
                if field == .kind { shown = LogForm.kindName(f.kind) } else if options.isEmpty { shown = "(none)" } else { shown = options[min(f.choice[field] ?? 0, options.count - 1)] }
                g.put(focused ? "‹ \(shown) ›" : shown, x: x, y: y, style: Style(.normal, bold: focused, selected: focused), limit: width)
                if focused { g.put("  ← → to change", x: x + DisplayWidth.of(shown) + 4, y: y, style: .dim, limit: max(0, a.x + a.width - x - DisplayWidth.of(shown) - 4)) }
            }
            y += 1
        }
        if f.confirmingDiscard {
            g.put(" Throw away what you typed? y yes · any other key keep it", x: a.x, y: a.y + a.height - 1, style: .alert, limit: a.width)
        } else if case .failure(let p) = f.transaction(in: school, today: recordedMoment(f.opened).day, time: recordedMoment(f.opened).time) {
            g.put(" Still needed: " + p.text, x: a.x, y: a.y + a.height - 1, style: .dim, limit: a.width)
        }
    }
}
