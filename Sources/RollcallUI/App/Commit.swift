import Attendance

/// Sending changes to the store and acting on the answer. Every change is tracked until
/// the store answers, so nothing typed is lost without the screen saying so.
extension AppState {
    /// Sends a transaction to the store and remembers it until answered.
    mutating func send(_ transaction: Transaction, for purpose: PendingChange.Purpose) -> [Effect] {
        guard !context.readOnly else {
            status = StatusLine("This store is read-only (a backup copy?): nothing can be changed here", .alert)
            return []
        }
        let id = nextChangeID
        nextChangeID += 1
        pending[id] = PendingChange(transaction: transaction, purpose: purpose)
        return [.commit(id: id, transaction)]
    }

    mutating func changeSaved(id: Int, school: School) -> [Effect] {
        guard let change = pending.removeValue(forKey: id) else { return schoolChanged(school) }
        var effects = schoolChanged(school)
        switch change.purpose {
        case .closeRegister(let group, let session):
            status = StatusLine("Register \(group) \(session.half.label) closed: later changes are amendments and need a reason", .good)
        case .undo:
            status = StatusLine("Undone", .good)
        case .settings, .contact:
            break
        case .decision(let next):
            if case .panel(var p) = screen, let next,
               let i = p.visible.firstIndex(where: { p.rows[$0].pupil.upn == next.upn && p.rows[$0].recommendation.track == next.track }) {
                p.cursor.selected = i
                p.cursor.clamp(count: p.visible.count, page: max(1, bodyHeight / 2))
                screen = .panel(p)
            }
            status = StatusLine("Recorded", .good)
        case .penaltyNotice(let upn, let parent):
            let notice = school.casework.penaltyNotices[upn]?.last { $0.parent == parent }
            status = StatusLine("Penalty notice requested for \(parent)" + (notice.map { ": £\($0.amount)" + ($0.amountIfLate != $0.amount ? " (£\($0.amountIfLate) after 21 days)" : "") + context.savedForNote($0.on) } ?? ""), .good)
        case .logEntry:
            if case .log(let f) = screen {
                screens.removeLast()
                rebuildTopScreen()
                let kind = LogForm.kindName(f.kind)
                status = StatusLine("\(kind.prefix(1).uppercased() + kind.dropFirst()) logged for \(school.pupils[f.upn]?.fullName ?? f.upn)" + context.savedForNote(f.opened.day), .good)
            }
        case .marks:
            if change.attempts > 1 { status = StatusLine("Saved after \(change.attempts) tries", .good) }
        }
        effects += retryUnsaved()
        return effects
    }

    mutating func changeRefused(id: Int, _ refusal: Refusal) -> [Effect] {
        guard let change = pending.removeValue(forKey: id) else { return [] }
        guard let t = change.transaction else {
            status = StatusLine(refusal.message, .alert)
            return []
        }
        switch refusal.kind {
        case .needsReason:
            overlay = .dialog(Dialog(.amendmentReason(t, change.purpose), title: "Amending the register",
                                     lines: [refusal.message, "", "Why is it being changed? (kept in the audit trail with your name)"],
                                     field: TextField(), keys: .amendment))
        case .conflict:
            let who = refusal.conflictBy ?? "another member of staff"
            let when = refusal.conflictAt.map { " at \($0)" } ?? ""
            let now = refusal.conflictNow?.code.symbol ?? "no mark"
            let ours = t.changes.compactMap { c -> String? in if case .mark(let m) = c { return m.mark?.code.symbol ?? "no mark" }; return nil }.first ?? ""
            overlay = .dialog(Dialog(.conflict(t, change.purpose), title: "Changed by someone else",
                                     lines: ["\(who) changed this mark\(when): it is now \(now).", "Replace it with \(ours)?"],
                                     keys: .conflict))
        case .notPermitted, .invalid, .notFound:
            status = StatusLine("Not saved: \(refusal.message)", .alert)
        }
        return []
    }

    /// The store could not be written: keep the change, say so, and try again at the next tick.
    mutating func changeNotSaved(id: Int, problem: String) -> [Effect] {
        guard var change = pending[id] else { return [] }
        change.problem = problem
        pending[id] = change
        status = StatusLine("Not saved yet (\(problem)); trying again…", .alert)
        return []
    }

    /// Sends again every change the store could not take.
    mutating func retryUnsaved() -> [Effect] {
        var effects: [Effect] = []
        for (id, change) in pending.sorted(by: { $0.key < $1.key }) where change.problem != nil {
            var c = change
            c.problem = nil
            c.attempts += 1
            pending[id] = c
            if let t = c.transaction { effects.append(.commit(id: id, t)) } else { effects.append(.undoLast(id: id)) }
        }
        return effects
    }

    /// The school changed (ours or someone else's change): the screen on top rebuilds what it
    /// derived from it, keeping its place. Screens underneath rebuild when they are shown
    /// again (`push`, Esc), so a mark typed on the register does not recompute the pupil list.
    mutating func schoolChanged(_ newSchool: School) -> [Effect] {
        school = newSchool
        schoolVersion += 1
        rebuildTopScreen()
        return []
    }

    mutating func rebuildTopScreen() {
        var top = screen
        top.schoolChanged(in: self)
        screen = top
    }
}
