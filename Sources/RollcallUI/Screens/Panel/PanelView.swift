import Attendance

extension AppState {
    /// The caseload on top; the selected case's reasons, review, actions and penalty-notice
    /// position below.
    func drawPanel(_ p: PanelScreen, _ g: inout Grid, _ a: Area) {
        guard !p.visible.isEmpty else {
            g.put(" No open cases and nothing the policy recommends" + (p.track != nil || p.stage != nil || p.group != nil ? " with these filters (x clears them)" : ""), x: a.x, y: a.y, style: .dim)
            return
        }
        let listHeight = max(4, a.height / 2)
        let policy = school.casework.policy
        // Name, class, track, stage, now, at review: narrower on an 80-column window.
        let w = a.width >= 110 ? [26, 7, 22, 14, 8, 16] : [19, 6, 12, 10, 7, 12]
        let titles = ["Pupil", "Class", "Track", "Stage", "Now", "At review"]
        g.put(" " + zip(titles, w).map { fit($0, $1) }.joined() + "Recommends", x: a.x, y: a.y, style: .dim, limit: a.width)
        for (i, row, selected) in p.cursor.visibleRows(count: p.visible.count, page: listHeight - 1) {
            let r = p.rows[p.visible[i]]
            let rec = r.recommendation
            let y = a.y + 1 + row
            if selected { g.fill(x: a.x, y: y, width: a.width, height: 1, style: Style(selected: true)) }
            var x = a.x + 1
            func cell(_ text: String, _ col: Int, _ style: Style) { x += g.put(fit(text, w[col] - 1) + " ", x: x, y: y, style: style.selecting(selected)) }
            cell(r.pupil.fullName, 0, Style(r.pupil.flags.isSafeguardingPriority ? .alert : .normal))
            cell(r.pupil.registrationGroup, 1, .dim)
            cell(rec.track.replacingOccurrences(of: "_", with: " "), 2, .dim)
            cell(rec.stage.map { policy?.shortStageName($0, track: rec.track) ?? $0 } ?? "–", 3, .normal)
            let now = rec.figures.attendancePercent
            cell(now.map { PanelView.percent($0) } ?? "–", 4, .normal)
            var change = ""
            var tone = Tone.dim
            if let was = r.atLastReview, let now {
                let d = Int(((now - was) * 10).rounded(.towardZero))
                change = "\(PanelView.percent(was)) \(d > 0 ? "▲" : d < 0 ? "▼" : "=")"
                tone = d > 0 ? .good : d < 0 ? .alert : .dim
            }
            cell(change, 5, Style(tone))
            let urgent = r.urgency <= .severeAbsence
            g.put(PanelScreen.recommends(rec, policy: policy), x: x, y: y,
                  style: Style(urgent ? .alert : .warning, bold: urgent, selected: selected), limit: a.x + a.width - x)
        }
        guard let r = p.selectedRow else { return }
        var lines: [StyledLine] = []
        let rec = r.recommendation
        lines.append(StyledLine("\(r.pupil.fullName) · \(rec.track.replacingOccurrences(of: "_", with: " ")) · \(rec.stage.map { policy?.stageName($0, track: rec.track) ?? $0 } ?? "no open case")"
                                + (rec.nextReview.map { " · next review \($0.spoken)" } ?? "")
                                + (r.lastReviewOn.map { " · last decision \($0.spoken)" } ?? ""), .title))
        for reason in rec.reasons { lines.append(StyledLine("  • " + reason, reason.hasPrefix("overdue") ? .alert : .normal)) }
        for action in rec.overdueActions { lines.append(StyledLine("  OVERDUE since \(action.due.spoken): \(action.description) (\(action.owner))", .alert)) }
        if let panel = p.nextPanel {
            let n = panel.dueForReview.count
            lines.append(StyledLine("  Next panel \(panel.on.spoken) (every \(panel.everyWeeks) school weeks): \(n) pupil\(n == 1 ? "" : "s") due for review"
                                    + (panel.dueForReview.contains(rec.upn) ? ", this one among them" : ""), .dim))
        }
        let penalty = school.penaltyEligibility(for: rec.upn, asOf: context.today)
        lines.append(StyledLine("  Penalty notice: " + (penalty.eligible ? "may be requested (p)" : "not now") + " — " + (penalty.why.first ?? ""), penalty.eligible ? .warning : .dim))
        var y = a.y + listHeight + 1
        for line in lines where y < a.y + a.height {
            // A wrapped line goes on under its own text (after "  • "), never back at the edge.
            let text = line.text
            let lead = text.prefix { $0 == " " }.count
            let indent = text.dropFirst(lead).hasPrefix("• ") ? lead + 2 : lead
            let body = String(text.dropFirst(indent))
            for (i, piece) in wrap(body, max(10, a.width - 2 - indent)).enumerated() where y < a.y + a.height {
                let shown = (i == 0 ? String(text.prefix(indent)) : String(repeating: " ", count: indent)) + piece
                StyledLine(shown, line.spans.first?.style ?? .normal).draw(into: &g, x: a.x + 1, y: y, width: a.width - 2)
                y += 1
            }
        }
    }
}

enum PanelView {
    /// Truncated, never rounded up across a threshold.
    static func percent(_ v: Double) -> String { PercentText.truncated(v) + "%" }
}
