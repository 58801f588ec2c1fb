import Attendance

/// Everything a key can ask for. Declared once, with its keys and words, in `Bindings.all`:
/// the footer, the `?` screen and docs/keys.md are all made from that table.
public enum KeyCommand: String, CaseIterable, Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    case open, back, nextScreen, previousScreen, search, help, commandLine, quit
    case markPresent, presentAll, lateArrival, closeRegister, undo, previousClass, nextClass, switchSession
    case sortNext, sortReverse, filterYear, filterClass, filterBand, filterCase, filterVulnerable, clearFilters
    case writeReport
    case callNoAnswer, callVoicemail, callSpoke, callNumberNotInUse, callRefused, chooseContact
    case logContact, saveForm, nextField
    case decideEscalate, decideHold, decideStepDown, decideClose, requestPenalty, openPupil, filterTrack, filterStage
    case filterChronology, writeLetter, sendLetter, letterPDF
    case typeCode
    case cancel, previousField, toggleChoice, chooseParent, complete, yes, no, goToFirstUnmarked, markRestN
}

public struct KeyBinding: Sendable {
    public var command: KeyCommand
    public var keys: [Key]
    /// A few words for the footer.
    public var short: String
    /// The sentence the help screen shows.
    public var help: String
    public var screens: [ScreenKind]
    /// Shown in the footer (the rest only in help).
    public var inFooter: Bool

    public init(_ command: KeyCommand, _ keys: [Key], _ short: String, _ help: String, _ screens: [ScreenKind], footer: Bool = false,
                requires: Permission? = nil) {
        self.requires = requires
        self.command = command
        self.keys = keys
        self.short = short
        self.help = help
        self.screens = screens
        self.inFooter = footer
    }

    /// How help names a long list of keys (the register's codes), instead of every key.
    public var label: String?

    public var keyNames: String { label ?? keys.map(\.description).joined(separator: "/") }

    /// What the member of staff must be allowed to do for the footer and help to offer it
    /// (the screens refuse it too, and the store refuses it anyway).
    public var requires: Permission?

    public func offered(to staff: StaffMember) -> Bool { requires.map(staff.may) ?? true }
}

public enum Bindings {
    /// The one table of key bindings. Order is the footer's order.
    public static let all: [KeyBinding] = {
        var table = written
        let i = (table.firstIndex { $0.command == .switchSession } ?? table.count - 1) + 1
        table.insert(typingCodes(besides: table), at: i)
        return table
    }()

    /// The register's code keys: every current code's first letter in upper case, and in lower
    /// case unless that letter does something else on the register (k moves, so K is Shift-K).
    static func typingCodes(besides table: [KeyBinding]) -> KeyBinding {
        let taken = Set(table.filter { $0.screens.contains(.register) || $0.screens.contains(.everywhere) }.flatMap(\.keys))
        var keys: [Key] = []
        var shifted: [String] = []
        for code in AttendanceCode.current {
            guard let first = code.symbol.first, first.isLetter, let lower = first.lowercased().first else { continue }
            if !keys.contains(.char(first)) { keys.append(.char(first)) }
            if taken.contains(.char(lower)) {
                if !shifted.contains(code.symbol) { shifted.append(code.symbol) }
            } else if !keys.contains(.char(lower)) {
                keys.append(.char(lower))
            }
        }
        var b = KeyBinding(.typeCode, keys, "code", "Type the code (either case; \(shifted.joined(separator: ", ")) with Shift, as those lower-case keys do something else here): "
                           + "most take one key, C1, C2, J1 and Y1–Y7 take two", [.register])
        b.label = "A–Z codes"
        return b
    }

    static let written: [KeyBinding] = [
        // Moving about
        KeyBinding(.up, [.up, .char("k")], "up", "Move up a line", [.everywhere]),
        KeyBinding(.down, [.down, .char("j")], "down", "Move down a line", [.everywhere]),
        KeyBinding(.pageUp, [.pageUp], "page up", "Move up a page", [.everywhere]),
        KeyBinding(.pageDown, [.pageDown], "page down", "Move down a page", [.everywhere]),
        KeyBinding(.top, [.home, .char("g")], "first", "Go to the first line", [.everywhere]),
        KeyBinding(.bottom, [.end, .char("G")], "last", "Go to the last line", [.everywhere]),
        // The register
        KeyBinding(.markPresent, [.char(" "), .char(".")], "present", "Mark the pupil present (/ in the morning, \\ in the afternoon) and move on", [.register], footer: true),
        KeyBinding(.presentAll, [.char("*")], "all present", "Mark every pupil not yet marked present (:present-all)", [.register], footer: true),
        KeyBinding(.lateArrival, [.char("a")], "late arrival", "Record a late arrival: the time and the reason; L before the register closes, U after (:late)", [.register], footer: true),
        KeyBinding(.closeRegister, [.char("!")], "close", "Close the register (:close); later changes are amendments and need a reason", [.register], footer: true),
        KeyBinding(.undo, [.char("u")], "undo", "Undo your last change to the register", [.register], footer: true),
        KeyBinding(.previousClass, [.char("[")], "prev class", "The previous class's register", [.register]),
        KeyBinding(.nextClass, [.char("]")], "next class", "The next class's register", [.register]),
        KeyBinding(.switchSession, [.char("~")], "AM/PM", "Switch between this morning's and this afternoon's register", [.register]),
        // Lists
        KeyBinding(.sortNext, [.char("s")], "sort", "Sort by the next column", [.pupils], footer: true),
        KeyBinding(.sortReverse, [.char("S")], "reverse", "Reverse the sort", [.pupils]),
        KeyBinding(.filterYear, [.char("y")], "year", "Show one year group (again for the next; cycles back to all)", [.pupils], footer: true),
        KeyBinding(.filterClass, [.char("c")], "class", "Show one class (cycles)", [.pupils], footer: true),
        KeyBinding(.filterBand, [.char("b")], "band", "Show one colour band of the school's policy (cycles)", [.pupils], footer: true),
        KeyBinding(.filterCase, [.char("o")], "on a case", "Show only pupils with an open case", [.pupils]),
        KeyBinding(.filterVulnerable, [.char("v")], "vulnerable", "Show only vulnerable pupils (CP, CIN, CLA, social worker, EHCP)", [.pupils]),
        KeyBinding(.clearFilters, [.char("x")], "clear", "Clear every filter and the search", [.pupils]),
        KeyBinding(.logContact, [.char("l")], "log", "Log a call, visit, meeting, letter or note about this pupil (:log)", [.calls, .pupil], footer: true, requires: .logContact),
        KeyBinding(.saveForm, [.ctrl("s")], "save", "Save the entry (:save); Enter on the last field saves too", [.log], footer: true),
        KeyBinding(.nextField, [.tab, .enter], "next field", "The next field (Shift-Tab the one before); ← → change a choice", [.log], footer: true),
        KeyBinding(.cancel, [.escape], "back", "Leave the form (asks first if anything is typed); Ctrl-C quits, asking too", [.log], footer: true),
        // The head's panel: Enter confirms what the policy recommends; one key for another decision.
        KeyBinding(.open, [.enter], "confirm", "Confirm the recommendation, then type the reason", [.panel], footer: true, requires: .decideAtPanel),
        KeyBinding(.decideEscalate, [.char("e")], "escalate", "Escalate to the next stage instead, then the reason", [.panel], footer: true, requires: .decideAtPanel),
        KeyBinding(.decideHold, [.char("h")], "hold", "Hold at this stage instead, then the reason", [.panel], footer: true, requires: .decideAtPanel),
        KeyBinding(.decideStepDown, [.char("d")], "step down", "Step down a stage instead, then the reason", [.panel], footer: true, requires: .decideAtPanel),
        KeyBinding(.decideClose, [.char("x")], "close", "Close the case instead, then the reason", [.panel], footer: true, requires: .decideAtPanel),
        KeyBinding(.requestPenalty, [.char("p")], "penalty", "The penalty-notice check in full, and a request (head only)", [.panel, .pupil], footer: true, requires: .requestPenaltyNotices),
        KeyBinding(.filterChronology, [.char("f")], "filter", "Show one kind of entry in the chronology (cycles: calls, visits, letters, meetings, decisions, amendments …)", [.pupil], footer: true),
        KeyBinding(.writeLetter, [.char("w")], "letter", "Choose a letter for this pupil, read it, send it", [.pupil, .panel], footer: true, requires: .sendLetters),
        KeyBinding(.sendLetter, [.char("s"), .enter], "send", "Send the letter shown: written to a file, logged as sent, its case action done", [.letters], footer: true),
        KeyBinding(.letterPDF, [.char("P")], "PDF", "Save the letter shown as an A4 PDF to print, in the folder Rollcall was started in (or ROLLCALL_DOCUMENTS); not logged as sent", [.letters], footer: true),
        KeyBinding(.openPupil, [.char("o")], "pupil", "Open the pupil's page", [.panel]),
        KeyBinding(.filterTrack, [.char("t")], "track", "Show one track (cycles)", [.panel]),
        KeyBinding(.filterStage, [.char("s")], "stage", "Show one stage (cycles)", [.panel]),
        KeyBinding(.filterClass, [.char("c")], "class", "Show one class (cycles)", [.panel]),
        KeyBinding(.clearFilters, [.char("z")], "clear", "Clear the filters", [.panel]),
        KeyBinding(.writeReport, [.char("w")], "save to file", "Save the report as text and CSV files", [.report], footer: true),
        // The calling list: one key for the outcome of a call to the chosen contact.
        {
            var digits = KeyBinding(.chooseContact, (1...9).map { Key.char(Character("\($0)")) }, "contact", "Choose which contact the next call is to (1 is the first to call)",
                                    [.calls], footer: true)
            digits.label = "1–9"
            return digits
        }(),
        KeyBinding(.callNoAnswer, [.char("n")], "no answer", "Log a call to the chosen contact: no answer", [.calls], footer: true),
        KeyBinding(.callVoicemail, [.char("v")], "voicemail", "Log a call: voicemail left", [.calls], footer: true),
        KeyBinding(.callSpoke, [.char("s")], "spoke", "Log a call: spoke to them (then the reason found, and whether it goes on the open N and O marks)", [.calls], footer: true),
        KeyBinding(.callNumberNotInUse, [.char("x")], "not in use", "Log a call: number not in use", [.calls]),
        KeyBinding(.callRefused, [.char("r")], "refused", "Log a call: they refused to say", [.calls]),
        // Everywhere
        KeyBinding(.open, [.enter], "open", "Open what is selected", [.today, .register, .calls, .pupils, .report, .reports, .trust], footer: true),
        KeyBinding(.search, [.char("/")], "find", "Find a pupil by any part of a name or UPN (accents optional)", [.register, .pupils, .panel], footer: true),
        KeyBinding(.back, [.escape], "back", "Go back to the previous screen", [.everywhere], footer: true),
        KeyBinding(.nextScreen, [.tab], "next screen", "Today → Register → Calls → Pupils → Today", [.everywhere]),
        KeyBinding(.previousScreen, [.backTab], "previous screen", "The other way round", [.everywhere]),
        KeyBinding(.commandLine, [.char(":")], "command", "Type a command, e.g. :register 4A PM (Tab completes)", [.everywhere], footer: true),
        KeyBinding(.help, [.char("?"), .function(1)], "help", "Every key and command", [.everywhere], footer: true),
        KeyBinding(.quit, [.char("q"), .ctrl("c")], "quit", "Quit Rollcall (every mark is already saved)", [.everywhere], footer: true),
        // Forms and dialogs: the words are the hints at the bottom of each.
        KeyBinding(.complete, [.tab], "complete", "Complete the command, class or pupil chosen in the list", [.commandLine], footer: true),
        KeyBinding(.down, [.up, .down], "choose", "Choose a command in the list", [.commandLine], footer: true),
        KeyBinding(.open, [.enter], "run", "Run the command", [.commandLine], footer: true),
        KeyBinding(.nextField, [.tab, .down], "next field", "The next field", [.lateArrival, .callForm, .registerTimes], footer: true),
        KeyBinding(.previousField, [.backTab, .up], "previous field", "The field before", [.lateArrival, .callForm, .registerTimes]),
        KeyBinding(.toggleChoice, [.char(" ")], "change", "On the Apply line: whether the reason goes on the open N and O marks", [.callForm]),
        KeyBinding(.chooseParent, [.left, .right], "parent", "Choose the parent (before a reason is typed)", [.penaltyForm], footer: true),
        KeyBinding(.nextField, [.tab], "support not appropriate", "With no support recorded: type why support first would not be appropriate (Tab again: the reason for the LA)", [.penaltyForm], footer: true),
        KeyBinding(.saveForm, [.enter, .ctrl("s")], "save", "Save", [.lateArrival, .callForm, .registerTimes, .amendment], footer: true),
        KeyBinding(.saveForm, [.enter, .ctrl("s")], "request", "Request the penalty notice, with the reason typed", [.penaltyForm], footer: true),
        KeyBinding(.saveForm, [.enter, .ctrl("s")], "record the decision", "Record the decision, with the reason typed", [.decision], footer: true),
        KeyBinding(.goToFirstUnmarked, [.enter], "go to the first", "Go to the first pupil not yet marked", [.unmarked], footer: true),
        KeyBinding(.markRestN, [.char("n"), .char("N")], "mark them N and close", "Mark everyone not yet marked N (reason not yet established) and close, after a y/n", [.unmarked], footer: true),
        KeyBinding(.yes, [.char("y"), .char("Y")], "yes", "After n, asked once: yes, mark them N and close (any other key does not)", [.unmarked]),
        KeyBinding(.yes, [.char("y"), .char("Y")], "replace", "Put your mark over theirs", [.conflict], footer: true),
        KeyBinding(.no, [.char("n"), .char("N"), .escape], "keep theirs", "Keep the other change", [.conflict], footer: true),
        KeyBinding(.yes, [.char("y"), .char("Y")], "throw it away", "Leave, throwing away what was typed", [.discard], footer: true),
        KeyBinding(.no, [.escape], "keep typing", "Go back to what you typed (any other key does too)", [.discard], footer: true),
        KeyBinding(.cancel, [.escape], "cancel", "Leave without saving (asks first if anything is typed)",
                   [.commandLine, .lateArrival, .callForm, .penaltyForm, .registerTimes, .decision, .unmarked], footer: true),
        KeyBinding(.cancel, [.enter, .escape], "start", "Close the welcome and start on Today", [.welcome], footer: true),
        KeyBinding(.cancel, [.escape], "keep the register as it was", "Leave the mark as it was (asks first if a reason is typed)", [.amendment], footer: true),
    ]

    /// The binding a key has on a screen: the screen's own first, then the global ones (not
    /// on a form or dialog, which takes every key).
    public static func command(for key: Key, on screen: ScreenKind) -> KeyCommand? {
        for b in all where b.screens.contains(screen) && b.keys.contains(key) { return b.command }
        if screen.takesEveryKey { return nil }
        for b in all where b.screens.contains(.everywhere) && b.keys.contains(key) { return b.command }
        return nil
    }

    /// What each key does on a screen: its own bindings, then the global ones with the keys
    /// the screen takes for itself left out (G on the register is a code, not "last line").
    public static func effective(on screen: ScreenKind) -> [KeyBinding] {
        let own = all.filter { $0.screens.contains(screen) }
        guard !screen.takesEveryKey, screen != .everywhere else { return own }
        let taken = Set(own.flatMap(\.keys))
        return own + all.filter { $0.screens.contains(.everywhere) }.compactMap { b in
            var kept = b
            kept.keys = b.keys.filter { !taken.contains($0) }
            return kept.keys.isEmpty ? nil : kept
        }
    }

    /// The global keys a screen takes for itself, with what they do elsewhere.
    public static func shadowed(on screen: ScreenKind) -> [(Key, KeyBinding)] {
        guard !screen.takesEveryKey, screen != .everywhere else { return [] }
        let taken = Set(all.filter { $0.screens.contains(screen) }.flatMap(\.keys))
        return all.filter { $0.screens.contains(.everywhere) }.flatMap { b in b.keys.filter(taken.contains).map { ($0, b) } }
    }

    /// The hint line at the bottom of a form or dialog, from the table.
    public static func hints(for form: ScreenKind, only: [KeyCommand]? = nil) -> String {
        let arrows: [Key] = [.up, .down, .left, .right]
        return all.filter { $0.screens.contains(form) && $0.inFooter && (only?.contains($0.command) ?? true) }.map { b in
            // ← → (or ↑ ↓) together; otherwise the first key, as the footer does.
            let keys = b.keys.allSatisfy(arrows.contains) ? b.keys.map(\.description).joined(separator: " ") : b.keys[0].description
            return "\(keys) \(b.short)"
        }.joined(separator: " · ")
    }
}
