import Attendance

/// Draws the whole app into a grid: header, the screen on top, status line, footer of key
/// hints, and any overlay. Pure: the same state always draws the same grid.
extension AppState {
    public func draw() -> Grid {
        var g = Grid(width: width, height: height)
        draw(into: &g)
        return g
    }

    public func draw(into g: inout Grid) {
        if isTooSmall {
            drawTooSmall(&g)
            return
        }
        drawHeader(&g)
        let body = Area(x: 0, y: 2, width: width, height: bodyHeight)
        screen.content.draw(in: self, into: &g, body)
        drawStatus(&g)
        drawFooter(&g)
        switch overlay {
        case .commandLine(let p): drawCommandLine(p, &g)
        case .dialog(let d): drawDialog(d, &g)
        case .lateArrival(let f): drawLateArrival(f, &g)
        case .registerTimes(let f): drawRegisterTimes(f, &g)
        case .callOutcome(let f): drawCallForm(f, &g)
        case .penalty(let f): drawPenalty(f, &g)
        case nil: break
        }
    }

    private func drawTooSmall(_ g: inout Grid) {
        let lines = ["Rollcall needs a window at least \(AppState.minimumWidth) × \(AppState.minimumHeight).",
                     "This one is \(width) × \(height): please make the window larger.", "(q quits; nothing is lost)"]
        for (i, line) in lines.enumerated() {
            let y = max(0, height / 2 - 1 + i)
            // Too narrow for the sentence: it wraps at the edge rather than vanishing.
            var rest = Substring(line)
            var row = y
            while !rest.isEmpty && row < height {
                let piece = DisplayWidth.truncate(String(rest), to: max(1, width))
                g.put(piece, x: max(0, (width - DisplayWidth.of(piece)) / 2), y: row, style: i == 1 ? .alert : .normal)
                rest = rest.dropFirst(max(1, piece.count))
                row += 1
            }
        }
    }

    private func drawHeader(_ g: inout Grid) {
        g.fill(x: 0, y: 0, width: width, height: 1, style: Style(.title, selected: true))
        let right = "\(context.today.weekday.shortName) \(context.today.spoken)  \(context.clockText)  \(context.staff.name) (\(context.staff.role.rawValue))\(context.readOnly ? "  READ-ONLY" : "") "
        let rightWidth = DisplayWidth.of(right)
        // A trust lead staff nowhere has no school of its own: the header names the trust's view.
        g.put(" Rollcall · " + (context.staffNowhere ? "the trust's schools" : school.name), x: 0, y: 0, style: Style(.title, bold: true, selected: true), limit: max(0, width - rightWidth - 1))
        g.put(right, x: width - rightWidth, y: 0, style: Style(.title, selected: true))
        g.put(screenTitle, x: 1, y: 1, style: .title, limit: width - 2)
    }

    var screenTitle: String { screen.content.title(in: self) }

    private func drawStatus(_ g: inout Grid) {
        let y = height - 2
        var text = status?.text ?? ""
        var tone = status?.tone ?? .dim
        let unsaved = pending.values.filter { $0.problem != nil }.count
        if unsaved > 0 && status == nil { text = "\(plural(unsaved, "change")) not saved yet: retrying"; tone = .alert }
        g.put(" " + text, x: 0, y: y, style: Style(tone), limit: width)
    }

    private func drawFooter(_ g: inout Grid) {
        let y = height - 1
        g.fill(x: 0, y: y, width: width, height: 1, style: Style(.dim, selected: true))
        let (shown, gap) = AppState.fitFooter(footerBindings, width: width)
        var x = 1
        for b in shown {
            let key = AppState.footerKey(b)
            g.put(key, x: x, y: y, style: Style(.normal, bold: true, selected: true))
            g.put(" " + b.short, x: x + DisplayWidth.of(key), y: y, style: Style(.dim, selected: true))
            x += DisplayWidth.of(key + " " + b.short) + gap
        }
    }

    /// How the footer names a binding's key: its label ("1–9"), else its first key.
    static func footerKey(_ b: KeyBinding) -> String { b.label ?? b.keys[0].description }

    /// The hints that fit: all of them if they can; else closer together; else the screen's
    /// own dropped from the end, but never `?` help and `q` quit, which a newcomer needs most.
    static func fitFooter(_ bindings: [KeyBinding], width: Int) -> ([KeyBinding], gap: Int) {
        func used(_ list: [KeyBinding], _ gap: Int) -> Int {
            list.map { DisplayWidth.of(footerKey($0) + " " + $0.short) }.reduce(0, +) + gap * max(0, list.count - 1) + 2
        }
        if used(bindings, 3) <= width { return (bindings, 3) }
        var list = bindings
        while used(list, 2) > width, let i = list.lastIndex(where: { $0.command != .help && $0.command != .quit }) { list.remove(at: i) }
        return (list, 2)
    }

    /// The footer's hints: the screen's own first, then the global ones.
    var footerBindings: [KeyBinding] { screen.content.footer(in: self) }

    /// A scrolling document (the pupil page, help).
    func drawDocument(_ lines: [StyledLine], top: Int, _ g: inout Grid, _ a: Area) {
        for row in 0..<a.height {
            let i = top + row
            guard lines.indices.contains(i) else { break }
            lines[i].draw(into: &g, x: a.x + 1, y: a.y + row, width: a.width - 2)
        }
        if lines.count > a.height {
            let more = "\(min(lines.count, top + a.height)) of \(lines.count) lines"
            g.put(more, x: a.x + a.width - DisplayWidth.of(more) - 1, y: a.y - 1, style: .dim)
        }
    }
}

/// A rectangle of the screen.
public struct Area: Hashable, Sendable {
    public var x, y, width, height: Int
}
