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
            out += ["## \(screen.title)", ""]
            if screen.isOverlay { out += ["Over the screen, it takes every key; typing goes into its text field.", ""] }
            if screen == .log { out += ["A form: it takes every key (typing goes into the field), so the keys everywhere do not apply.", ""] }
            out += ["| keys | what they do |", "|---|---|"]
            for b in bindings {
                let keys = b.label.map { "\(cell($0))" } ?? b.keys.map { "`\(cell($0.description))`" }.joined(separator: " ")
                out.append("| \(keys) | \(cell(b.help)) |")
            }
            out.append("")
            for (key, elsewhere) in Bindings.shadowed(on: screen) {
                out += ["`\(cell(key.description))` here does what the table above says (elsewhere: \(cell(elsewhere.help.lowercased()))).", ""]
            }
        }
        if let codes = Bindings.all.first(where: { $0.command == .typeCode }) {
            out += ["## Typing codes on the register", "",
                    "The code keys (\(codes.keys.map(\.description).joined(separator: " "))): \(cell(codes.help)).",
                    "`/` finds a pupil; Space or `.` marks present with the session's own mark (`/` in the morning, `\\` in the afternoon).",
                    "Pre-2024 codes (`H`, `F`, `J`, `Y`) are shown on old marks but cannot be entered.", ""]
        }
        out += ["## Commands (`:` then the command; Tab completes)", "", "| command | what it does |", "|---|---|"]
        for c in AppCommand.all { out.append("| `\(cell(c.usage))` | \(cell(c.summary)) |") }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a Markdown table cell.
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
