import Attendance

/// The commands of the `:` prompt. Their names and arguments are fixed: the guides and
/// scripts rely on them. One entry each, with its words for the palette and the help screen.
public struct AppCommand: Sendable {
    public var name: String
    public var arguments: String
    public var summary: String

    public init(_ name: String, _ arguments: String, _ summary: String) {
        self.name = name
        self.arguments = arguments
        self.summary = summary
    }

    public var usage: String { arguments.isEmpty ? ":\(name)" : ":\(name) \(arguments)" }

    public static let all: [AppCommand] = [
        AppCommand("today", "", "The day at a glance: registers, absences, calls, reviews, alerts"),
        AppCommand("register", "CLASS [AM|PM]", "Open a class's register for this morning or afternoon"),
        AppCommand("present-all", "", "Mark every pupil not yet marked present (on the register)"),
        AppCommand("late", "", "Record a late arrival for the selected pupil (on the register)"),
        AppCommand("close", "", "Close the register; later changes are amendments with a reason"),
        AppCommand("report", "absentees [AM|PM]", "Everyone absent or late this session, with a contact to call"),
        AppCommand("calls", "", "Today's first-day calling list: call, log the outcome in one key"),
        AppCommand("log", "call|visit|meeting|letter|note [UPN-or-name]", "Log a contact (the pupil on screen if none is named)"),
        AppCommand("save", "", "Save the form being filled in"),
        AppCommand("panel", "", "The attendance panel: every case and recommendation, decide with a reason (the head)"),
        AppCommand("reports", "", "The school, years, classes and vulnerable groups: attendance, PA, SA, trends"),
        AppCommand("pupils", "", "Every pupil with their figures; find, filter and sort"),
        AppCommand("pupil", "UPN-or-name", "Open a pupil's page"),
        AppCommand("settings", "", "Change when the registers open and close (the head)"),
        AppCommand("trust", "", "Every school of the trust (started with --stores): figures, cases, duties; Enter shows one"),
        AppCommand("help", "", "Every key and command"),
        AppCommand("quit", "", "Quit Rollcall (every mark is already saved)"),
    ]
}
