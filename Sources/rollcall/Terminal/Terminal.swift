@preconcurrency import CNcursesw
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import RollcallUI

/// What `Terminal.readKey` reports.
enum TerminalEvent: Equatable {
    case key(Key)
    /// Text pasted (bracketed paste), whole, from the first byte to the end marker.
    case paste(String)
    /// The window changed size: call `invalidate()` (or just paint a grid of the new size).
    case resize
    /// Stop now: stdin is gone, or SIGINT/SIGTERM/SIGHUP arrived (`Terminal.signal` says which).
    case end
}

enum TerminalError: Error, CustomStringConvertible {
    case notInteractive
    case cannotStart(term: String)
    /// The terminal is known but cannot place the cursor (TERM=dumb): the app cannot be drawn.
    case cannotShowApp(term: String)

    var description: String {
        switch self {
        case .notInteractive: return "the screens need a terminal (stdin and stdout must be ttys)"
        case .cannotStart(let term): return "this terminal (TERM=\(term)) is not one this computer knows how to draw on"
        case .cannotShowApp(let term): return "this terminal (TERM=\(term)) cannot move the cursor, so it cannot show the app"
        }
    }
}

/// The thin ncurses driver: paints a `Grid` and reads `Key`s. Nothing else in the app talks to
/// ncurses. Use it as
///
///     let terminal = try Terminal.start()
///     defer { terminal.stop() }
///     while true {
///         terminal.paint(view(state, size: terminal.size))
///         switch terminal.readKey(timeoutMilliseconds: 500) { ... }   // .end → leave the loop
///     }
///     if let s = terminal.signal { exit(128 + s) }
///
/// Ctrl-C: the terminal is in raw mode, so Ctrl-C, Ctrl-S, Ctrl-Q and Ctrl-Z arrive as keys
/// (`.ctrl("c")` …); the app binds Ctrl-C to quit. A SIGINT from elsewhere (`kill -INT`), SIGTERM
/// and SIGHUP make `readKey` return `.end` within 100 ms; a second one while the app has not yet
/// stopped restores the terminal in the handler and exits at once (128 + signal). The terminal
/// is also restored at process exit (`atexit`) and on a crash (SIGSEGV/SIGILL/SIGTRAP/SIGABRT/
/// SIGBUS: restored, then the previous handler — Swift's backtracer — runs).
final class Terminal {
    /// The signal (SIGINT, SIGTERM, SIGHUP) that ended the session, if one did.
    var signal: Int32? { pendingSignal == 0 ? nil : pendingSignal }

    private var previous: Grid?
    private let colour: Bool
    private var fastErrors = 0

    private init(colour: Bool) { self.colour = colour }

    /// True when stdin and stdout are both terminals (not a pipe or a file).
    static func isInteractive() -> Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Sets a UTF-8 locale, switches ncurses on (raw, no echo, keypad, 25 ms Esc delay, hidden
    /// cursor, colours unless NO_COLOR) and installs the signal and exit handlers.
    static func start() throws -> Terminal {
        guard isInteractive() else { throw TerminalError.notInteractive }
        useUTF8Locale()
        installHandlers()
        // newterm, not initscr: initscr exits the process when TERM is unknown.
        guard let screen = newterm(nil, stdout, stdin) else {
            throw TerminalError.cannotStart(term: getenv("TERM").map { String(cString: $0) } ?? "(unset)")
        }
        _ = set_term(screen)
        // A terminal that cannot place the cursor would show a blank or garbled screen.
        guard Terminal.has("cup") else {
            _ = endwin()
            delscreen(screen)
            throw TerminalError.cannotShowApp(term: getenv("TERM").map { String(cString: $0) } ?? "(unset)")
        }
        // Without an alternate screen (linux console, vt100) the app's last frame would stay
        // on the terminal after quitting: clear it then.
        clearOnExit = !Terminal.has("smcup")
        ncursesActive = 1
        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        // Bracketed paste: the terminal wraps a paste in ESC[200~ … ESC[201~, which ncurses
        // then reports as two key codes of our own, so a paste is read as text, never as keys.
        _ = define_key("\u{1b}[200~", Terminal.pasteStart)
        _ = define_key("\u{1b}[201~", Terminal.pasteEnd)
        writeRaw(bracketedPasteOn)
        _ = set_escdelay(25)
        _ = curs_set(0)
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let colour = has_colors() && !noColor && setUpColours()
        return Terminal(colour: colour)
    }

    /// Whether the terminal has a string capability (terminfo name, e.g. "cup").
    private static func has(_ capability: String) -> Bool {
        guard let s = tigetstr(capability) else { return false }
        return Int(bitPattern: s) != -1 && s.pointee != 0
    }

    /// Restores the terminal. Safe to call more than once, and after a signal.
    func stop() {
        restoreTerminal()
    }

    deinit { restoreTerminal() }

    /// The window's size in cells.
    var size: (width: Int, height: Int) {
        guard ncursesActive != 0 else { return (0, 0) }
        return (Int(max(0, getmaxx(stdscr))), Int(max(0, getmaxy(stdscr))))
    }

    /// Forgets the last painted frame, so the next `paint` clears and draws every cell.
    func invalidate() { previous = nil }

    /// Paints the cells that differ from the last painted grid (all of them after `invalidate()`
    /// or a size change), then refreshes.
    func paint(_ grid: Grid) {
        guard ncursesActive != 0 else { return }
        let diff = FrameDiff.writes(from: previous, to: grid, screen: size)
        if diff.clear {
            _ = werase(stdscr)
            _ = clearok(stdscr, true)
        }
        var text: [wchar_t] = []
        for write in diff.writes {
            let (attrs, pair) = attributes(write.cell.style)
            _ = wattr_set(stdscr, attrs, pair, nil)
            text.removeAll(keepingCapacity: true)
            for scalar in write.cell.text.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
            if text.isEmpty { text.append(0x20) }
            text.append(0)
            // Writing the bottom-right cell returns ERR (the cursor cannot advance) but draws it.
            _ = mvwaddwstr(stdscr, Int32(write.y), Int32(write.x), text)
        }
        _ = wattr_set(stdscr, 0, 0, nil)
        previous = grid
        // The terminal's cursor stays hidden: a text field draws its own.
        _ = curs_set(0)
        _ = wrefresh(stdscr)
    }

    /// Waits up to `timeoutMilliseconds` (negative: for ever) for a key. nil: nothing came in
    /// time. Keys the app has no name for are skipped.
    func readKey(timeoutMilliseconds: Int32) -> TerminalEvent? {
        guard ncursesActive != 0 else { return .end }
        let deadline = timeoutMilliseconds < 0 ? nil : now() + Int(timeoutMilliseconds)
        while true {
            if pendingSignal != 0 { return .end }
            // Wait in slices of at most 100 ms so a signal's flag is seen promptly.
            let remaining = deadline.map { max(0, $0 - now()) } ?? 100
            wtimeout(stdscr, Int32(min(remaining, 100)))
            var ch: wint_t = 0
            let status = wget_wch(stdscr, &ch)
            if status == ERR {
                if pendingSignal != 0 { return .end }
                if stdinIsGone() { return .end }
                if let deadline, now() >= deadline { return nil }
                continue
            }
            fastErrors = 0
            if status == KEY_CODE_YES, Int32(bitPattern: UInt32(ch)) == Terminal.pasteStart { return .paste(readPaste()) }
            if let event = Terminal.translate(UInt32(ch), functionKey: status == KEY_CODE_YES) {
                return event
            }
        }
    }

    /// Key codes for the start and end of a paste (above every code ncurses gives out).
    static let pasteStart: Int32 = 0x7E00, pasteEnd: Int32 = 0x7E01

    /// The rest of a paste, up to its end marker (or a second with nothing more: the marker
    /// was lost). Line ends come as CR in raw mode; the text field decides what they become.
    private func readPaste() -> String {
        var scalars = String.UnicodeScalarView()
        var idle = 0
        while idle < 10 {
            wtimeout(stdscr, 100)
            var ch: wint_t = 0
            let status = wget_wch(stdscr, &ch)
            if status == ERR {
                if pendingSignal != 0 || stdinIsGone() { break }
                idle += 1
                continue
            }
            idle = 0
            if status == KEY_CODE_YES {
                let code = Int32(bitPattern: UInt32(ch))
                if code == Terminal.pasteEnd { break }
                if code == KEY_ENTER { scalars.append("\r") }
                continue
            }
            if let scalar = Unicode.Scalar(UInt32(ch)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    // MARK: Keys

    /// Every ncurses code the app understands, in one place. `functionKey`: get_wch said
    /// KEY_CODE_YES (a KEY_* constant); otherwise `code` is a character.
    static func translate(_ code: UInt32, functionKey: Bool) -> TerminalEvent? {
        if functionKey {
            switch Int32(bitPattern: code) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_RESIZE: return .resize
            case let f where f > KEY_F0 && f <= KEY_F0 + 12: return .key(.function(Int(f - KEY_F0)))
            default: return nil
            }
        }
        switch code {
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(code + 96)!)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    // MARK: Painting

    /// A style's attributes and colour pair. Colour: one pair per tone, `bold` as bold, `selected`
    /// as reverse video. Monochrome (no colours, or NO_COLOR): tones as bold/dim/underline.
    private func attributes(_ style: Style) -> (attr_t, Int16) {
        var attrs: attr_t = 0
        var pair: Int16 = 0
        if style.bold { attrs |= attr(rollcall_attr_bold()) }
        if style.selected { attrs |= attr(rollcall_attr_reverse()) }
        if colour {
            if style.tone != .normal { pair = Int16(style.tone.rawValue) }
            if style.tone == .dim && COLORS < 16 { attrs |= attr(rollcall_attr_dim()) }
        } else {
            switch style.tone {
            case .normal, .present, .authorised: break
            case .dim, .notPossible: attrs |= attr(rollcall_attr_dim())
            case .title, .good: attrs |= attr(rollcall_attr_bold())
            case .late, .warning: attrs |= attr(rollcall_attr_underline())
            case .unauthorised, .alert: attrs |= attr(rollcall_attr_bold()) | attr(rollcall_attr_underline())
            }
        }
        return (attrs, pair)
    }

    private func attr(_ a: Int32) -> attr_t { attr_t(UInt32(bitPattern: a)) }

    /// Colour pair n is Tone(rawValue: n), on the terminal's own background.
    private static func setUpColours() -> Bool {
        guard start_color() == OK else { return false }
        let defaults = use_default_colors() == OK
        let background: Int16 = defaults ? -1 : Int16(COLOR_BLACK)
        let plain: Int16 = defaults ? -1 : Int16(COLOR_WHITE)
        for tone in Tone.allCases where tone != .normal {
            let fg: Int16
            switch tone {
            case .normal: fg = plain
            case .dim: fg = COLORS >= 16 ? 8 : plain
            case .title: fg = Int16(COLOR_CYAN)
            case .present, .good: fg = Int16(COLOR_GREEN)
            case .late, .warning: fg = Int16(COLOR_YELLOW)
            case .authorised: fg = Int16(COLOR_BLUE)
            case .unauthorised, .alert: fg = Int16(COLOR_RED)
            case .notPossible: fg = Int16(COLOR_MAGENTA)
            }
            _ = init_pair(Int16(tone.rawValue), fg, background)
        }
        return true
    }

    // MARK: Input helpers

    /// After ERR from get_wch: has stdin hung up or reached its end? ncurses returns ERR at
    /// once on EOF, so input that polls readable yet yields ERR three times running is gone.
    private func stdinIsGone() -> Bool {
        if isatty(STDIN_FILENO) == 0 { return true }
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) >= 0 else { return false }
        if fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        if fd.revents & Int16(POLLIN) != 0 {
            fastErrors += 1
            return fastErrors >= 3
        }
        fastErrors = 0
        return false
    }

    private func now() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

    // MARK: Locale

    /// The user's locale, or C.UTF-8 when theirs is not UTF-8, so names take their true widths.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if isUTF8() { return }
        for name in ["C.UTF-8", "en_GB.UTF-8", "en_US.UTF-8"] where setlocale(LC_ALL, name) != nil {
            if isUTF8() { return }
        }
        #if canImport(Darwin)
        setlocale(LC_CTYPE, "UTF-8")
        #endif
    }

    private static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

// MARK: Restoring the terminal from signal handlers and at exit (plain globals: a handler can
// capture nothing; Int32 loads and stores are atomic on every platform Swift runs on).

nonisolated(unsafe) private var ncursesActive: Int32 = 0
nonisolated(unsafe) private var pendingSignal: Int32 = 0
nonisolated(unsafe) private var handlersInstalled = false
/// Indexed by signal number; allocated before any handler runs (no allocation in a handler).
private typealias SignalAction = sigaction
nonisolated(unsafe) private var previousCrashActions = Array(repeating: SignalAction(), count: 65)

private let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
private let crashSignals: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS]

private let bracketedPasteOn: StaticString = "\u{1b}[?2004h"
private let bracketedPasteOff: StaticString = "\u{1b}[?2004l"

/// Writes straight to the terminal: safe in a signal handler (no allocation, no stdio).
private func writeRaw(_ s: StaticString) {
    _ = write(STDOUT_FILENO, s.utf8Start, s.utf8CodeUnitCount)
}

nonisolated(unsafe) private var clearOnExit = false

private func restoreTerminal() {
    if ncursesActive != 0 {
        ncursesActive = 0
        writeRaw(bracketedPasteOff)
        if clearOnExit {
            // A blank frame last, so nothing of the app is left on the screen.
            _ = erase()
            _ = refresh()
        }
        _ = curs_set(1)
        _ = endwin()
    }
}

private func installHandlers() {
    guard !handlersInstalled else { return }
    handlersInstalled = true
    atexit { restoreTerminal() }
    for sig in quitSignals {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { sig in
            if pendingSignal != 0 {
                restoreTerminal()
                _exit(128 + sig)
            }
            pendingSignal = sig
        }
        #else
        action.__sigaction_u.__sa_handler = { sig in
            if pendingSignal != 0 {
                restoreTerminal()
                _exit(128 + sig)
            }
            pendingSignal = sig
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read returns
        sigaction(sig, &action, nil)
    }
    // A process inherits its parent's blocked signals: started from a thread that blocks them
    // (a test runner's, a launcher's), the app would never see SIGTERM or the SIGHUP of a
    // closed terminal and would run on, holding its store, after its window was gone.
    var quit = sigset_t()
    sigemptyset(&quit)
    for sig in quitSignals { sigaddset(&quit, sig) }
    pthread_sigmask(SIG_UNBLOCK, &quit, nil)
    for sig in crashSignals {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { sig in
            restoreTerminal()
            var old = previousCrashActions[Int(sig)]
            sigaction(sig, &old, nil)
            // A fault happens again on return, now with the old handler and its true address;
            // abort() must be raised again.
            if sig == SIGABRT { raise(sig) }
        }
        #else
        action.__sigaction_u.__sa_handler = { sig in
            restoreTerminal()
            var old = previousCrashActions[Int(sig)]
            sigaction(sig, &old, nil)
            // A fault happens again on return, now with the old handler and its true address;
            // abort() must be raised again.
            if sig == SIGABRT { raise(sig) }
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
        var old = sigaction()
        sigaction(sig, &action, &old)
        previousCrashActions[Int(sig)] = old
    }
}
