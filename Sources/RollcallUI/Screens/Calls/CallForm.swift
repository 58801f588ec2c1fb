import Attendance

/// Logging one call from the calling list: the outcome is already chosen (one key); for
/// "spoke", the reason found (a code) and whether it goes onto the open N marks; a note for
/// any outcome. Enter saves.
public struct CallForm: Sendable {
    public var upn: String
    public var contact: Contact
    public var outcome: ContactLogEntry.CallOutcome
    /// Open N (and running O) marks the reason would replace.
    public var openN: Int
    public var reason = TextField()
    public var note = TextField()
    /// Put the reason onto the open N marks (offered when a reason is typed).
    public var apply = true
    /// 0: the reason (spoke only), 1: the note, 2: apply.
    public var focus: Int
    /// The day and time the form was opened: the call is logged for them, even after midnight.
    public var opened: FormMoment

    init(upn: String, contact: Contact, outcome: ContactLogEntry.CallOutcome, openN: Int, opened: FormMoment) {
        self.upn = upn
        self.opened = opened
        self.contact = contact
        self.outcome = outcome
        self.openN = openN
        focus = outcome == .spoke ? 0 : 1
    }

    var fields: [Int] { outcome == .spoke ? (openN > 0 ? [0, 1, 2] : [0, 1]) : [1] }

    /// The reason typed, if it is an absence code; a problem otherwise.
    func reasonCode() -> Result<AttendanceCode?, LateArrivalProblem> {
        let typed = reason.text.trimmingSpaces()
        guard !typed.isEmpty else { return .success(nil) }
        switch AttendanceCode.callReason(typed) {
        case .success(let code): return .success(code)
        case .failure(let why): return .failure(LateArrivalProblem(text: why.message))
        }
    }
}

extension AppState {
    mutating func callFormKey(_ key: Key, _ f: inout CallForm) -> [Effect] {
        let fields = f.fields
        switch Bindings.command(for: key, on: .callForm) {
        case .nextField?:
            f.focus = fields[((fields.firstIndex(of: f.focus) ?? 0) + 1) % fields.count]
        case .previousField?:
            f.focus = fields[((fields.firstIndex(of: f.focus) ?? 0) + fields.count - 1) % fields.count]
        case .cancel?:
            if !f.note.isEmpty || !f.reason.isEmpty {
                overlay = .dialog(Dialog(.discardCall(f), title: "Throw away this call?", lines: ["You typed a note or a reason. Leave without logging the call?"],
                                         keys: .discard))
            } else {
                overlay = nil
                status = StatusLine("Call not logged")
            }
        case .toggleChoice? where f.focus == 2:
            f.apply.toggle()
        case .saveForm?:
            switch f.reasonCode() {
            case .failure(let p):
                status = StatusLine(p.text, .warning)
            case .success(let code):
                overlay = nil
                let at = recordedMoment(f.opened)
                let call = ContactLogEntry(upn: f.upn, kind: .call, on: at.day, time: at.time, contactName: f.contact.name,
                                           number: f.contact.phones.first, outcome: f.outcome, reasonCode: code, text: f.note.text.trimmingSpaces())
                let t = school.loggingCall(call, applyingReason: f.apply)
                let amended = t.changes.count - 1
                let name = school.pupils[f.upn]?.knownAs ?? f.upn
                status = StatusLine("\(name): call to \(f.contact.name) logged (\(f.outcome.spoken))"
                                    + (amended > 0 ? "; \(plural(amended, "N or O mark")) now \(code!.symbol)" : "") + context.savedForNote(at.day), .good)
                return send(t, for: .contact)
            }
        default:
            if f.focus == 0 { _ = f.reason.handle(key) } else if f.focus == 1 { _ = f.note.handle(key) }
        }
        return []
    }

    func drawCallForm(_ f: CallForm, _ g: inout Grid) {
        let name = school.pupils[f.upn]?.fullName ?? f.upn
        var lines = ["\(f.contact.name) (\(f.contact.relationship)) \(f.contact.phones.first ?? ""): \(f.outcome.spoken)"]
        if case .failure(let p) = f.reasonCode() { lines.append(p.text) } else { lines.append("") }
        let area = drawBox(title: "Call about \(name)", lines: lines, hints: Bindings.hints(for: .callForm), &g, extraRows: 3, minWidth: 72)
        let labels = ["Reason found", "Note", "Apply"]
        var row = 0
        for field in f.fields {
            let y = area.y + row
            g.put(fit(labels[field], 14), x: area.x, y: y, style: field == f.focus ? .title : .dim)
            switch field {
            case 0:
                if f.focus == 0 { f.reason.draw(into: &g, x: area.x + 14, y: y, width: 6) } else { g.put(f.reason.text, x: area.x + 14, y: y) }
                g.put("a code: I, M, G, O …", x: area.x + 22, y: y, style: .dim)
            case 1:
                if f.focus == 1 { f.note.draw(into: &g, x: area.x + 14, y: y, width: area.width - 14) } else { g.put(f.note.text, x: area.x + 14, y: y, limit: area.width - 14) }
            default:
                let code = (try? f.reasonCode().get()) ?? nil
                let text = "[\(f.apply ? "x" : " ")] put \(code?.symbol ?? "the reason") on \(plural(f.openN, "open N or O mark")) (Space to change)"
                g.put(text, x: area.x + 14, y: y, style: Style(.normal, selected: f.focus == 2))
            }
            row += 1
        }
    }
}
