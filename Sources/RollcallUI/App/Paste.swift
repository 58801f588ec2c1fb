import Attendance

extension AppState {
    /// Pasted text goes into the focused text field, whole; with none focused it is dropped
    /// and the status line says so. It is never read as keys: a pasted "n" logs no call.
    mutating func paste(_ text: String) -> [Effect] {
        guard !isTooSmall else { return [] }
        switch overlay {
        case .commandLine(var p):
            p.field.insert(text, multiline: false)
            p.refresh(self)
            overlay = .commandLine(p)
            return []
        case .dialog(var d) where d.field != nil && !d.confirmingDiscard && !d.confirmingMarkN:
            d.field?.insert(text, multiline: false)
            overlay = .dialog(d)
            return []
        case .lateArrival(var f):
            if f.focus == 0 {
                if f.timeFilledIn { f.time = TextField() }
                f.timeFilledIn = false
                f.time.insert(text, multiline: false)
            } else { f.reason.insert(text, multiline: false) }
            overlay = .lateArrival(f)
            return []
        case .callOutcome(var f) where f.focus != 2:
            if f.focus == 0 { f.reason.insert(text, multiline: false) } else { f.note.insert(text, multiline: true) }
            overlay = .callOutcome(f)
            return []
        case .penalty(var f) where f.typingSupportNotAppropriate:
            f.supportNotAppropriate.insert(text, multiline: false)
            f.recheck(in: school)
            overlay = .penalty(f)
            return []
        case .penalty(var f) where f.check.eligible:
            f.reason.insert(text, multiline: false)
            overlay = .penalty(f)
            return []
        case .registerTimes(var f):
            f.fields[f.focus].insert(text, multiline: false)
            overlay = .registerTimes(f)
            return []
        case nil:
            switch screen {
            case .log(var f) where f.focus.isText && !f.confirmingDiscard:
                var field = f.text[f.focus] ?? TextField()
                field.insert(text, multiline: f.focus.isMultiline)
                f.text[f.focus] = field
                screen = .log(f)
                return []
            case .register(var r) where r.search != nil:
                var field = r.search ?? TextField()
                field.insert(text, multiline: false)
                find(field, &r)
                screen = .register(r)
                return []
            case .panel(var p) where p.finding:
                p.find.insert(text, multiline: false)
                p.refilter()
                p.cursor.clamp(count: p.visible.count, page: max(1, bodyHeight / 2))
                screen = .panel(p)
                return []
            case .pupils(var p) where p.searching:
                p.search.insert(text, multiline: false)
                p.refilter()
                screen = .pupils(p)
                return []
            default: break
            }
        default: break
        }
        status = StatusLine("Text not pasted: no text box is open here (open a form, or / to find, then paste)", .warning)
        return []
    }
}
