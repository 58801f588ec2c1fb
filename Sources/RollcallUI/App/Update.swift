import Attendance

extension AppState {
    /// The one update function: the next state, in place, and the effects for the driver to
    /// perform (in place, so a key costs no copy of the state).
    public mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .keyPressed(let key):
            if isTooSmall {
                if key == .char("q") || key == .ctrl("c") { return quit() }
                return []
            }
            return keyPressed(key)
        case .pasted(let text):
            return paste(text)
        case .windowResized(let w, let h):
            // Views clamp their cursors to the new size as they draw; the pupil page's long
            // entries are wrapped to the width, so it is laid out again.
            width = w
            height = h
            if case .pupil(var p) = screen { p.rebuild(self); screen = .pupil(p) }
            return []
        case .clockTicked(let date, let minutes):
            let half = context.currentHalf
            context.minutes = minutes
            if date != context.today { return newDay(date) + retryUnsaved() }
            if context.currentHalf != half {
                // Noon: Today turns to the afternoon's registers.
                schoolVersion += 1
                rebuildTopScreen()
            }
            return retryUnsaved()
        case .storeChangedOnDisk(let newSchool):
            return schoolChanged(newSchool)
        case .contactLogRead(let newSchool):
            contactLogRead = true
            return schoolChanged(newSchool)
        case .changeSaved(let id, let newSchool):
            return changeSaved(id: id, school: newSchool)
        case .changeRefused(let id, let refusal):
            return changeRefused(id: id, refusal)
        case .changeNotSaved(let id, let problem):
            return changeNotSaved(id: id, problem: problem)
        case .historyLoaded(let upn, let lines, let withContactLog):
            histories[upn] = lines
            return schoolChanged(withContactLog)
        case .letterRendered(let upn, let template, let text, let problem):
            letterRendered(upn: upn, template: template, text: text, problem: problem)
            return []
        case .reportWritten(let paths):
            status = StatusLine("Saved: " + paths.joined(separator: " and "), .good)
            return []
        case .reportNotWritten(let problem):
            status = StatusLine("The report was not saved: \(problem)", .alert)
            return []
        case .firstRun(let lines):
            _ = openToday()
            overlay = .dialog(Dialog(.welcome, title: "Welcome to Rollcall", lines: lines, keys: .welcome))
            return []
        case .storeOpenedWithWarning(let warning), .storeWarned(let warning):
            status = StatusLine("Warning: \(warning)", .warning)
            return []
        case .contactLogNotRead(let problem):
            status = StatusLine("Could not read the contact log: \(problem)", .alert)
            return []
        case .othersChangesNotRead(let problem):
            status = StatusLine("Could not read other people's changes: \(problem)", .alert)
            return []
        case .trustLoaded(let overview):
            trustLoaded(overview)
            return []
        case .trustPartRead(let part):
            trustPartRead(part)
            return []
        case .trustRefreshDue:
            return trustRefreshDue()
        case .trustSchoolLoaded(let school):
            trustSchoolLoaded(school)
            return []
        case .trustSchoolNotLoaded(let id, let problem):
            status = StatusLine("Could not read \(trust?.rows.first { $0.id == id }?.name ?? id)'s records: \(problem); its published figures are shown", .alert)
            return []
        }
    }

    /// Midnight: the app moves to the new day. The header, Today and the calling list follow
    /// `context.today`; a register open on the old day's session moves to the new day's, so a
    /// mark never goes to yesterday unasked. Forms keep the day they were opened for.
    mutating func newDay(_ date: SchoolDate) -> [Effect] {
        let old = context.today
        context.today = date
        for i in screens.indices {
            guard case .register(var r) = screens[i], r.session.date == old else { continue }
            r.session = Session(date, context.currentHalf)
            r.codePrefix = nil
            r.reload(school)
            screens[i] = .register(r)
        }
        schoolVersion += 1
        rebuildTopScreen()
        status = StatusLine("It is now \(date.weekday.shortName) \(date.spoken): Today and the registers have moved to the new day")
        return []
    }

    mutating func quit() -> [Effect] {
        let unsaved = pending.values.filter { $0.problem != nil }.count
        if unsaved > 0, !quitting {
            quitting = true
            status = StatusLine("\(plural(unsaved, "change")) not saved yet: press q again to quit anyway, any other key to wait", .alert)
            return []
        }
        quitting = true
        return [.quit]
    }

    private mutating func keyPressed(_ key: Key) -> [Effect] {
        // Ctrl-C leaves (the terminal is in raw mode, so it arrives as a key); with text typed
        // in a form it asks first, as Esc does, and a second Ctrl-C quits.
        if key == .ctrl("c") {
            if hasTypedText && !discardAsked {
                discardAsked = true
                status = StatusLine("Throw away what you typed? Ctrl-C again quits; any other key keeps typing", .warning)
                return []
            }
            quitting = true
            return quit()
        }
        if discardAsked {
            discardAsked = false
            status = nil
        }
        if quitting {
            if key == .char("q") { return [.quit] }
            quitting = false
        }
        if let overlay { return overlayKey(key, overlay) }
        // A text box on the screen (finding a pupil) takes printable keys first.
        let kind = screen.kind
        if screen.isTyping { return screenKey(key) }
        // The screen's own keys come first (G on the register is a code), as the table says.
        do {
            switch Bindings.command(for: key, on: kind) {
            case .quit: return quit()
            case .help:
                if kind != .help { push(.help(HelpScreen(for: kind, state: self))) }
                return []
            case .commandLine:
                overlay = .commandLine(CommandPrompt(state: self))
                return []
            case .back:
                if screens.count > 1 {
                    screens.removeLast()
                    rebuildTopScreen()
                } else {
                    status = StatusLine("This is the first screen: q quits")
                }
                return []
            case .nextScreen: return cycleScreens(forward: true)
            case .previousScreen: return cycleScreens(forward: false)
            default: break
            }
        }
        return screenKey(key)
    }

    private mutating func screenKey(_ key: Key) -> [Effect] {
        let index = screens.count - 1
        var current = screens[index].content
        let effects = current.handle(key, in: &self)
        // The key may have opened another screen on top: the one it changed keeps its place.
        if index < screens.count, screens[index].kind == type(of: current).kind { screens[index] = current.asScreen }
        return effects
    }

    /// Shows a screen on top. `existing`: one brought back from under the top, which is
    /// rebuilt, since only the top screen is kept up to date.
    mutating func push(_ screen: Screen, existing: Bool = false) {
        // Opening a screen already open brings it back rather than stacking copies.
        if let i = screens.lastIndex(where: { $0.kind == screen.kind }), screen.kind != .pupil { screens.remove(at: i) }
        screens.append(screen)
        if existing { rebuildTopScreen() }
        if screens.count > 12 { screens.removeFirst(screens.count - 12) }
    }

    /// Tab: Today → Register → Pupils → Today.
    private mutating func cycleScreens(forward: Bool) -> [Effect] {
        if refusedWithoutSchool("Tab (Today, the register, calls, pupils)") { return [] }
        let order: [ScreenKind] = [.today, .register, .calls, .pupils]
        let at = order.firstIndex(of: screen.kind) ?? -1
        let next = order[((at + (forward ? 1 : order.count - 1)) % order.count + order.count) % order.count]
        switch next {
        case .today: return openToday()
        case .register: return openRegister(group: nil, half: nil)
        case .calls: return openCalls()
        default: return openPupils()
        }
    }

    mutating func openToday() -> [Effect] {
        if let i = screens.firstIndex(where: { $0.kind == .today }) {
            screens.removeSubrange((i + 1)...)
            rebuildTopScreen()
        } else {
            push(.today(TodayScreen(self)))
        }
        return []
    }

    mutating func openRegister(group: String?, half: SessionHalf?) -> [Effect] {
        let session = Session(context.today, half ?? context.currentHalf)
        if group == nil, case .register = screen { return [] }
        if group == nil, let existing = screens.last(where: { $0.kind == .register }), case .register(let r) = existing, r.session == session {
            push(existing, existing: true)
            return []
        }
        guard let g = group ?? RegisterScreen.firstUnmarkedGroup(in: school, session: session) else {
            status = StatusLine("There are no pupils on roll yet: import them with `rollcall import pupils FILE`", .warning)
            return []
        }
        push(.register(RegisterScreen(group: g, session: session, school: school)))
        return []
    }

    mutating func openPupils() -> [Effect] {
        if let existing = screens.last(where: { $0.kind == .pupils }) { push(existing, existing: true) } else { push(.pupils(PupilsScreen(self))) }
        return []
    }

    mutating func openPupil(_ upn: String) -> [Effect] {
        guard school.pupils[upn] != nil else {
            status = StatusLine("No pupil with UPN \(upn)", .warning)
            return []
        }
        push(.pupil(PupilScreen(upn: upn, state: self)))
        return histories[upn] == nil ? [.loadHistory(upn: upn)] : []
    }
}
