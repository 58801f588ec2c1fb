import Attendance

extension AppState {
    /// Keys while something sits over the screen.
    mutating func overlayKey(_ key: Key, _ current: Overlay) -> [Effect] {
        switch current {
        case .commandLine(var p):
            let effects = commandPromptKey(key, &p)
            if case .commandLine = overlay { overlay = .commandLine(p) }
            return effects
        case .dialog(var d):
            let effects = dialogKey(key, &d)
            if case .dialog = overlay { overlay = .dialog(d) }
            return effects
        case .lateArrival(var f):
            let effects = lateArrivalKey(key, &f)
            if case .lateArrival = overlay { overlay = .lateArrival(f) }
            return effects
        case .penalty(var f):
            let effects = penaltyKey(key, &f)
            if case .penalty = overlay { overlay = .penalty(f) }
            return effects
        case .callOutcome(var f):
            let effects = callFormKey(key, &f)
            if case .callOutcome = overlay { overlay = .callOutcome(f) }
            return effects
        case .registerTimes(var f):
            let effects = registerTimesKey(key, &f)
            if case .registerTimes = overlay { overlay = .registerTimes(f) }
            return effects
        }
    }

    private mutating func dialogKey(_ key: Key, _ d: inout Dialog) -> [Effect] {
        // Esc with text typed asks first: nothing typed is thrown away without a yes.
        if d.confirmingDiscard {
            if Bindings.command(for: key, on: .discard) == .yes { overlay = nil; status = StatusLine("Nothing was changed"); return [] }
            d.confirmingDiscard = false
            return []
        }
        switch d.purpose {
        case .amendmentReason(let t, let purpose):
            switch Bindings.command(for: key, on: .amendment) {
            case .saveForm?:
                let reason = d.field?.text.trimmingSpaces() ?? ""
                guard !reason.isEmpty else {
                    status = StatusLine("An amendment needs a reason: type why the mark is changing", .warning)
                    return []
                }
                overlay = nil
                var amended = t
                amended.reason = reason
                return send(amended, for: purpose)
            case .cancel?:
                if d.field?.isEmpty == false {
                    d.confirmingDiscard = true
                    return []
                }
                overlay = nil
                status = StatusLine("Not changed: the register keeps its mark")
                return []
            default:
                _ = d.field?.handle(key)
                return []
            }
        case .conflict(let t, let purpose):
            switch Bindings.command(for: key, on: .conflict) {
            case .yes?:
                overlay = nil
                // Ours goes over theirs knowingly: what the screen shows now is what it replaces.
                let retyped = Transaction(t.changes.map { change in
                    guard case .mark(let m) = change else { return change }
                    return .mark(MarkChange.typed(upn: m.upn, session: m.session, mark: m.mark, shown: school.register.mark(for: m.upn, at: m.session)))
                }, reason: t.reason, origin: t.origin)
                return send(retyped, for: purpose)
            case .no?:
                overlay = nil
                status = StatusLine("Kept the other change")
                return [.refreshFromDisk]
            default:
                return []
            }
        case .unmarkedBeforeClose(let group, let session, let upns):
            // Marking a class N is asked once, with the count: a stray n must not do it.
            let command = Bindings.command(for: key, on: .unmarked)
            if !d.confirmingMarkN, command == .markRestN {
                d.confirmingMarkN = true
                return []
            }
            if d.confirmingMarkN, command != .yes {
                d.confirmingMarkN = false
                return []
            }
            switch command {
            case .yes?:
                overlay = nil
                let changes = upns.map { Change.mark(MarkChange.typed(upn: $0, session: session, mark: Mark(.reasonNotYetEstablished), shown: nil)) }
                // One change: the N marks and the close stand or fall together.
                return send(Transaction(changes + [RegisterScreen.closing(group: group, session: session)]), for: .closeRegister(group: group, session: session))
            case .goToFirstUnmarked?:
                overlay = nil
                if case .register(var r) = screen, let first = upns.first, let i = r.upns.firstIndex(of: first) {
                    r.cursor.selected = i
                    r.cursor.clamp(count: r.upns.count, page: registerPage)
                    screen = .register(r)
                }
                return []
            case .cancel?:
                overlay = nil
                return []
            default:
                return []
            }
        case .welcome:
            if Bindings.command(for: key, on: .welcome) == .cancel { overlay = nil }
            return []
        case .discardLateArrival(let form):
            if Bindings.command(for: key, on: .discard) == .yes {
                overlay = nil
                status = StatusLine("Late arrival not recorded")
            } else {
                overlay = .lateArrival(form)
            }
            return []
        case .discardCall(let form):
            if Bindings.command(for: key, on: .discard) == .yes {
                overlay = nil
                status = StatusLine("Call not logged")
            } else {
                overlay = .callOutcome(form)
            }
            return []
        case .decision(let upn, let track, let move, let stage):
            switch Bindings.command(for: key, on: .decision) {
            case .saveForm?:
                let reason = d.field?.text.trimmingSpaces() ?? ""
                guard !reason.isEmpty else {
                    status = StatusLine("A decision needs a reason: type why", .warning)
                    return []
                }
                overlay = nil
                return recordDecision(upn: upn, track: track, move: move, to: stage, reason: reason)
            case .cancel?:
                if d.field?.isEmpty == false { d.confirmingDiscard = true; return [] }
                overlay = nil
                status = StatusLine("No decision recorded")
            default:
                _ = d.field?.handle(key)
            }
            return []
        }
    }
}
