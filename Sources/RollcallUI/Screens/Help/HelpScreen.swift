import Attendance

/// `?`: the keys of the screen you came from, the keys everywhere, the `:` commands and
/// the register codes. Made from the same tables as the footer.
public struct HelpScreen: Sendable {
    public var about: ScreenKind
    public var lines: [StyledLine]
    public var top = 0

    init(for screen: ScreenKind, state: AppState) {
        about = screen
        lines = HelpScreen.build(for: screen, staff: state.context.staff, staffNowhere: state.context.staffNowhere)
    }

    static func build(for screen: ScreenKind, staff: StaffMember, staffNowhere: Bool = false) -> [StyledLine] {
        var out: [StyledLine] = []
        if staffNowhere {
            out.append(StyledLine("\(staff.login) is a trust lead and is not staff at any school: the trust's schools are here; a school's", .warning))
            out.append(StyledLine("registers, pupils and casework are for its own staff. The keys and commands below are those that work.", .warning))
            out.append(.blank)
        }
        func section(_ title: String, _ bindings: [KeyBinding]) {
            guard !bindings.isEmpty else { return }
            out.append(StyledLine(title, .title))
            for b in bindings { out.append(StyledLine([.init("  " + fit(b.keyNames, 14), Style(.normal, bold: true)), .init(b.help)])) }
            out.append(.blank)
        }
        let own = Bindings.all.filter { $0.screens.contains(screen) }
        if screen != .help && screen != .everywhere {
            section("Keys on the \(screen.title) screen", own.filter { $0.offered(to: staff) })
        }
        // The global keys, less those this screen takes for itself (shown above).
        section("Keys everywhere", Array(Bindings.effective(on: screen).dropFirst(own.count)).filter { !(staffNowhere && $0.needsSchool) })
        out.append(StyledLine("Commands (press : then type; Tab completes)", .title))
        for c in AppCommand.available(staffNowhere: staffNowhere) { out.append(StyledLine([.init("  " + fit(c.usage, 26), Style(.normal, bold: true)), .init(c.summary)])) }
        out.append(.blank)
        if screen == .register {
            out.append(StyledLine("Register codes (\(Bindings.all.first { $0.command == .typeCode }?.help ?? "type the code"))", .title))
            for category in AttendanceCode.Category.allCases where category != .legacy {
                out.append(StyledLine("  " + category.rawValue, .dim))
                for code in AttendanceCode.current where code.category == category {
                    out.append(StyledLine([.init("    " + fit(code.symbol, 4), Style(Charts.tone(for: code), bold: true)), .init(code.meaning)]))
                }
            }
            out.append(StyledLine("  Pre-2024 codes (H, F, J, Y) are shown on old marks but cannot be entered.", .dim))
        }
        return out
    }
}

extension AppState {
    mutating func helpKey(_ key: Key, _ h: inout HelpScreen) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .help) else { return [] }
        h.top = scrolled(h.top, command, lines: h.lines.count, page: bodyHeight)
        return []
    }
}

extension HelpScreen: ScreenState {
    static let kind = ScreenKind.help
    var asScreen: Screen { .help(self) }
    func title(in app: AppState) -> String { "Help · \(about.title)" }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.helpKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawDocument(lines, top: top, &g, area) }
}
