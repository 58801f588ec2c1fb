import Attendance

extension AppState {
    func drawReport(_ r: AbsenteeReport, _ g: inout Grid, _ a: Area) {
        let widths = a.width >= 110 ? [26, 7, 5, 34, 8, 26] : [20, 6, 5, 18, 7, 14]
        var header = " "
        for (i, c) in AbsenteeReport.columns.enumerated() { header += i < widths.count ? fit(c, widths[i]) : c }
        g.put(header, x: a.x, y: a.y, style: .dim, limit: a.width)
        if r.entries.isEmpty { g.put(" Nobody is absent or late this session (or the register is not taken yet)", x: a.x, y: a.y + 1, style: .dim) }
        // Registers not yet taken: their absentees are missing, so the last line says which.
        let missing = UntakenRegister.sentence(r.untaken)
        if let missing { g.put(" " + missing, x: a.x, y: a.y + a.height - 1, style: Style(.warning, bold: true), limit: a.width) }
        let page = max(1, a.height - 1 - (missing == nil ? 0 : 1))
        for (i, row, selected) in r.cursor.visibleRows(count: r.entries.count, page: page) {
            let e = r.entries[i]
            let y = a.y + 1 + row
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            for (c, text) in r.cells(e).enumerated() {
                var style = Style(selected: selected)
                if c == 2 { style.tone = Charts.tone(for: e.mark.code); style.bold = true }
                if c == 3 && !e.reasonKnown { style.tone = .alert }
                if c < widths.count {
                    x += g.put(fit(text, widths[c] - 1) + " ", x: x, y: y, style: style)
                } else {
                    g.put(text, x: x, y: y, style: style, limit: max(0, a.x + a.width - x))
                }
            }
        }
    }
}
