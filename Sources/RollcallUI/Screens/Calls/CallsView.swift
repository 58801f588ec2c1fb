import Attendance

extension AppState {
    /// The list on top; the selected pupil's contacts, today's attempts and next step below.
    func drawCalls(_ c: CallsScreen, _ g: inout Grid, _ a: Area) {
        if c.entries.isEmpty {
            g.put(" Nobody is absent with no reason today.", x: a.x, y: a.y, style: .good)
            return
        }
        let listHeight = max(3, a.height / 2)
        g.put(" " + fit("Pupil", 26) + fit("Class", 7) + fit("Day", 6) + fit("Tried today", 13) + "Next step", x: a.x, y: a.y, style: .dim, limit: a.width)
        for (i, row, selected) in c.cursor.visibleRows(count: c.entries.count, page: listHeight - 1) {
            let e = c.entries[i]
            let y = a.y + 1 + row
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x
            x += g.put(e.vulnerable ? "!" : " ", x: x, y: y, style: Style(.alert, bold: true, selected: selected))
            x += g.put(fit(e.pupil.fullName, 25) + " ", x: x, y: y, style: Style(selected: selected))
            x += g.put(fit(e.pupil.registrationGroup, 7), x: x, y: y, style: Style(.dim, selected: selected))
            let dayTone: Tone = e.daysUnexplained >= 10 ? .alert : e.daysUnexplained >= 3 ? .warning : .normal
            x += g.put(fit("\(e.daysUnexplained)", 6), x: x, y: y, style: Style(dayTone, bold: e.daysUnexplained >= 3, selected: selected))
            x += g.put(fit(e.triedToday.isEmpty ? "not yet" : plural(e.triedToday.count, "attempt"), 13), x: x, y: y,
                       style: Style(e.triedToday.isEmpty ? .warning : .dim, selected: selected))
            g.put(e.nextSteps.first ?? "", x: x, y: y, style: Style(.dim, selected: selected), limit: a.x + a.width - x)
        }
        guard let e = c.selectedEntry else { return }
        var y = a.y + listHeight + 1
        let flags = e.pupil.flags.set.map(\.rawValue)
        g.put(" \(e.pupil.fullName)" + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]") + "  day \(e.daysUnexplained) of unexplained absence",
              x: a.x, y: y, style: Style(e.vulnerable ? .alert : .title, bold: true), limit: a.width)
        y += 1
        for (i, contact) in e.contacts.enumerated() where y < a.y + a.height {
            let tried = e.triedToday.filter { $0.contactName == contact.name }
            let chosen = i == c.contact
            var line = StyledLine([.init(chosen ? " ▶ " : "   ", Style(.title, bold: true)), .init("\(i + 1). "), .init(fit(contact.name, 22), Style(.normal, bold: chosen)),
                                   .init(fit(contact.relationship, 11), .dim), .init(fit(contact.phones.joined(separator: ", "), 28))])
            if contact.parentalResponsibility { line.add("PR ", .dim) }
            line.add(tried.isEmpty ? "" : tried.compactMap { $0.outcome.map { "\($0.spoken)" + ($0 == .spoke ? "" : "") } }.joined(separator: ", ") + " today", .warning)
            line.draw(into: &g, x: a.x, y: y, width: a.width)
            y += 1
        }
        if e.contacts.isEmpty, y < a.y + a.height { g.put("   No contacts recorded: add them to the pupil's record", x: a.x, y: y, style: .alert); y += 1 }
        for step in (e.nextSteps + e.duties).prefix(max(0, a.y + a.height - y)) {
            g.put("   → " + step, x: a.x, y: y, style: e.duties.contains(step) ? .alert : .normal, limit: a.width)
            y += 1
        }
    }
}
