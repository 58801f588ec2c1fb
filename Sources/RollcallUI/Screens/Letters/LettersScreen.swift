import Attendance

/// Letters for one pupil (`w` on their page or the panel): choose a template, the policy's
/// suggestion first; read it on screen with the pupil's figures filled in; send it: the
/// letter is written to a file, "letter sent" is logged and the action that asked for it is
/// done.
public struct LettersScreen: Sendable {
    public var upn: String
    public var templates: [String]
    public var cursor = ListCursor()
    /// The rendered letter for the selected template, once the driver has made it.
    public var preview: String?
    public var problem: String?
    public var previewTop = 0

    var selected: String? { templates.indices.contains(cursor.selected) ? templates[cursor.selected] : nil }
}

extension AppState {
    mutating func openLetters(_ upn: String) -> [Effect] {
        guard context.staff.may(.sendLetters) else {
            status = StatusLine("\(context.staff.role.rawValue) staff may not send letters", .warning)
            return []
        }
        let templates = school.suggestedLetters(for: upn, among: LetterTemplateIDs.known.sorted())
        push(.letters(LettersScreen(upn: upn, templates: templates)))
        return templates.first.map { [.renderLetter(upn: upn, template: $0)] } ?? []
    }

    mutating func lettersKey(_ key: Key, _ l: inout LettersScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .letters) else { return [] }
        let before = l.cursor.selected
        if [.up, .down, .top, .bottom].contains(command), l.cursor.move(command, count: l.templates.count, page: bodyHeight) {
            guard l.cursor.selected != before, let t = l.selected else { return [] }
            l.preview = nil
            l.problem = nil
            l.previewTop = 0
            return [.renderLetter(upn: l.upn, template: t)]
        }
        switch command {
        case .pageDown, .pageUp:
            let lines = wrap(l.preview ?? "", max(20, width - 34)).count
            l.previewTop = scrolled(l.previewTop, command, lines: lines, page: bodyHeight)
            return []
        case .open, .sendLetter:
            guard let t = l.selected, let text = l.preview else {
                status = StatusLine(l.problem ?? "The letter is still being made", .warning)
                return []
            }
            let name = "letter-\(l.upn)-\(t)-\(context.today).txt"
            status = StatusLine("Letter \(t) sent and logged", .good)
            return [.writeReport(files: [ReportFile(name: name, contents: text)])]
                + send(school.sendingLetter(upn: l.upn, template: t, on: context.today, time: context.clockText), for: .contact)
        case .letterPDF:
            guard let t = l.selected, let text = l.preview else {
                status = StatusLine(l.problem ?? "The letter is still being made", .warning)
                return []
            }
            let path = "\(context.documentsFolder)/letter-\(l.upn)-\(t)-\(context.today).pdf"
            status = StatusLine("Saving the letter as a PDF…", .dim)
            return [.writeLetterPDF(upn: l.upn, text: text, path: path)]
        default:
            return []
        }
    }

    mutating func letterRendered(upn: String, template: String, text: String?, problem: String?) {
        guard case .letters(var l) = screen, l.upn == upn, l.selected == template else { return }
        l.preview = text
        l.problem = problem
        screen = .letters(l)
    }

    func drawLetters(_ l: LettersScreen, _ g: inout Grid, _ a: Area) {
        let listWidth = 30
        g.put(" Letter (↑↓ to choose)", x: a.x, y: a.y, style: .dim)
        for (i, row, selected) in l.cursor.visibleRows(count: l.templates.count, page: a.height - 1) {
            let y = a.y + 1 + row
            g.fill(x: a.x, y: y, width: listWidth, height: 1, style: Style(selected: selected))
            g.put(" " + l.templates[i], x: a.x, y: y, style: Style(.normal, selected: selected), limit: listWidth)
        }
        let x = a.x + listWidth + 2
        let w = a.width - listWidth - 3
        guard let text = l.preview else {
            g.put(l.problem.map { "Cannot make this letter: \($0)" } ?? "Making the letter…", x: x, y: a.y, style: l.problem == nil ? .dim : .alert, limit: w)
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), w) }
        for (row, line) in lines.dropFirst(l.previewTop).prefix(a.height).enumerated() { g.put(line, x: x, y: a.y + row, limit: w) }
    }
}

extension LettersScreen: ScreenState {
    static let kind = ScreenKind.letters
    var asScreen: Screen { .letters(self) }
    func title(in app: AppState) -> String {
        "Letters · \(app.school.pupils[upn].map { "\($0.fullName) (\($0.registrationGroup))" } ?? upn) · the policy's suggestions first"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.lettersKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawLetters(self, &g, area) }
}
