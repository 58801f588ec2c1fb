import Foundation

/// docs/keys.md, made from the same tables as the footer and the `?` screen, so the guide
/// can never disagree with the app (a test fails when the file is out of date).
public enum KeysDocument {
    public static func markdown() -> String {
        var out = ["# Keys and commands", "",
                   "Made from the app's own key table (`Sources/RollcallUI/Keys/Bindings.swift`); the footer and the `?` screen show the same.",
                   "Do not edit by hand: `RECORD_SNAPSHOTS=1 swift test --filter KeysDocumentTests` rewrites it.", ""]
        for screen in ScreenKind.allCases {
            let bindings = Bindings.all.filter { $0.screens.contains(screen) }
            guard !bindings.isEmpty else { continue }
            out += ["## \(screen.title)", "", "| keys | what they do |", "|---|---|"]
            for b in bindings { out.append("| \(b.keys.map { "`\(cell($0.description))`" }.joined(separator: " ")) | \(cell(b.help)) |") }
            out.append("")
        }
        out += ["## Typing codes on the register", "",
                "Type the code: most take one key (`N`, `I`, `M` …, in either case); `C1`, `C2`, `J1` and `Y1`–`Y7` take two.",
                "`k`, `j`, `u`, `q` and `a` move, undo, quit and record a late arrival, so type `K`, `J1`, `U` and `Q` with Shift.",
                "`/` finds a pupil; Space or `.` marks present with the session's own mark (`/` in the morning, `\\` in the afternoon).",
                "Pre-2024 codes (`H`, `F`, `J`, `Y`) are shown on old marks but cannot be entered.", "",
                "## Commands (`:` then the command; Tab completes)", "", "| command | what it does |", "|---|---|"]
        for c in AppCommand.all { out.append("| `\(cell(c.usage))` | \(cell(c.summary)) |") }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a Markdown table cell.
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
