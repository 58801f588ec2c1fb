import Attendance

extension AppState {
    /// Keys on the register screen.
    mutating func registerKey(_ key: Key, _ r: inout RegisterScreen) -> [Effect] {
        // Finding a pupil: letters go to the search box; Enter keeps the pupil found.
        if var field = r.search {
            switch key {
            case .enter:
                r.search = nil
                return []
            case .escape:
                r.search = nil
                return []
            case .up, .down:
                if let next = nextMatch(field.text, in: r, from: r.cursor.selected, forward: key == .down) { r.cursor.selected = next }
                r.cursor.clamp(count: r.upns.count, page: registerPage)
                return []
            default:
                if field.handle(key) { find(field, &r) }
                return []
            }
        }

        // The second key of a two-key code.
        if let first = r.codePrefix {
            r.codePrefix = nil
            if case .char(let c) = key, let code = CodeKeys.complete(first.uppercased().first ?? first, c) {
                return markSelected(code, &r)
            }
            if let alone = CodeKeys.start(first)?.code {
                // C on its own, then something else: C stands, and the key does its own job.
                var effects = markSelected(alone, &r)
                if key != .enter && key != .char(" ") { effects += registerKey(key, &r) }
                return effects
            }
            status = StatusLine("\(first.uppercased()) needs a second key: \(first.uppercased() == "J" ? "J1" : "Y1 to Y7")", .warning)
            return []
        }

        if case .char(let c) = key, Bindings.command(for: key, on: .register) == .typeCode {
            guard let start = CodeKeys.start(c) else { return [] }
            if start.takesSecond {
                r.codePrefix = c
                let upper = c.uppercased()
                status = StatusLine(upper == "C" ? "C… then 1 for C1, 2 for C2, or Enter for C" : "\(upper)… then the digit (\(upper == "J" ? "J1" : "Y1–Y7"))")
                return []
            }
            return markSelected(start.code!, &r)
        }

        guard let command = Bindings.command(for: key, on: .register) else {
            if case .char(let c) = key { status = StatusLine(CodeKeys.explain(c), .warning) }
            return []
        }
        if r.cursor.move(command, count: r.upns.count, page: registerPage) { return [] }
        switch command {
        case .markPresent:
            return markSelected(.present(for: r.session.half), &r)
        case .presentAll:
            return presentAll(&r)
        case .lateArrival:
            return openLateArrival(r)
        case .closeRegister:
            return closeRegister(&r)
        case .search:
            r.search = TextField()
            status = StatusLine("Find: type part of a name (↑↓ for the next match, Enter to stop)")
            return []
        case .undo:
            let id = nextChangeID
            nextChangeID += 1
            pending[id] = PendingChange(transaction: nil, purpose: .undo)
            return [.undoLast(id: id)]
        case .open:
            if let upn = r.selectedUPN { return openPupil(upn) }
            return []
        case .previousClass, .nextClass:
            let groups = school.registrationGroups
            guard let i = groups.firstIndex(of: r.group), !groups.isEmpty else { return [] }
            let j = (i + (command == .nextClass ? 1 : groups.count - 1)) % groups.count
            r = RegisterScreen(group: groups[j], session: r.session, school: school)
            return []
        case .switchSession:
            let other = Session(r.session.date, r.session.half == .am ? .pm : .am)
            r = RegisterScreen(group: r.group, session: other, school: school)
            return []
        default:
            return []
        }
    }

    var registerPage: Int { max(1, bodyHeight - 3) }

    /// The find box changed (typed or pasted into): go to the first pupil it matches.
    mutating func find(_ field: TextField, _ r: inout RegisterScreen) {
        r.search = field
        if let i = nextMatch(field.text, in: r, from: r.cursor.selected, forward: true, includingCurrent: true) {
            r.cursor.selected = i
            r.cursor.clamp(count: r.upns.count, page: registerPage)
            status = nil
        } else {
            status = StatusLine("No pupil in \(r.group) matches \"\(field.text)\"", .warning)
        }
    }

    private func nextMatch(_ text: String, in r: RegisterScreen, from: Int, forward: Bool, includingCurrent: Bool = false) -> Int? {
        let needle = SearchKey.fold(text)
        guard !needle.isEmpty, !r.upns.isEmpty else { return nil }
        let n = r.upns.count
        for step in (includingCurrent ? 0 : 1)...n {
            let i = ((from + (forward ? step : -step)) % n + n) % n
            if let p = school.pupils[r.upns[i]], SearchKey.of(p).contains(needle) { return i }
        }
        return nil
    }

    /// Marks the selected pupil and moves to the next one.
    mutating func markSelected(_ code: AttendanceCode, minutesLate: Int? = nil, comment: String? = nil, _ r: inout RegisterScreen) -> [Effect] {
        guard let upn = r.selectedUPN else { return [] }
        let mark = Mark(code, minutesLate: minutesLate, comment: comment)
        let change = MarkChange.typed(upn: upn, session: r.session, mark: mark, shown: shownMark(for: upn, at: r.session))
        let effects = send(Transaction([.mark(change)]), for: .marks(group: r.group, session: r.session))
        // Refused before it was sent (a read-only store): stay on the pupil, and let the refusal show.
        guard !effects.isEmpty else { return [] }
        if r.cursor.selected < r.upns.count - 1 { r.cursor.selected += 1 }
        r.cursor.clamp(count: r.upns.count, page: registerPage)
        if let name = school.pupils[upn]?.knownAs { status = StatusLine("\(name): \(code.symbol) (\(code.meaning))") }
        return effects
    }

    /// Every pupil not yet marked is marked present, in one change.
    mutating func presentAll(_ r: inout RegisterScreen) -> [Effect] {
        let todo = r.unmarked(in: self)
        guard !todo.isEmpty else {
            status = StatusLine("Everyone in \(r.group) already has a mark")
            return []
        }
        let present = AttendanceCode.present(for: r.session.half)
        let changes = todo.map { Change.mark(MarkChange.typed(upn: $0, session: r.session, mark: Mark(present), shown: nil)) }
        status = StatusLine("\(plural(todo.count, "pupil")) marked present (\(present.symbol))", .good)
        if let first = r.upns.firstIndex(where: { !todo.contains($0) && shownMark(for: $0, at: r.session)?.code.counting.isAbsence == true }) {
            r.cursor.selected = first
        }
        return send(Transaction(changes), for: .marks(group: r.group, session: r.session))
    }
}

extension MarkChange {
    /// A mark typed by a member of staff, carrying what the screen showed so that someone
    /// else's change meanwhile is caught rather than overwritten.
    static func typed(upn: String, session: Session, mark: Mark?, shown: Mark?) -> MarkChange {
        MarkChange(upn: upn, session: session, mark: mark, shown: ShownMark(shown))
    }
}
