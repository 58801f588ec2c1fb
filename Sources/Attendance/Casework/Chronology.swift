/// One line of a pupil's chronology: what a panel, an LA referral or a penalty-notice
/// request reads, in date order. Register amendments come from the audit trail and are
/// merged in by whoever has it (the store, the app).
public struct ChronologyEntry: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case call, visit, letter, meeting, note, decision, plan, intervention, penalty, amendment

        public var title: String {
            switch self {
            case .call: return "calls"
            case .visit: return "home visits"
            case .letter: return "letters"
            case .meeting: return "meetings"
            case .note: return "notes"
            case .decision: return "stage changes and decisions"
            case .plan: return "plans and timetables"
            case .intervention: return "interventions"
            case .penalty: return "penalty notices"
            case .amendment: return "register amendments"
            }
        }
    }

    public var on: SchoolDate
    public var time: String?
    public var kind: Kind
    /// Who did it (a name where known, else a login).
    public var by: String
    public var text: String
    /// The text is withheld from this viewer (safeguarding-sensitive).
    public var hidden: Bool

    public init(on: SchoolDate, time: String?, kind: Kind, by: String, text: String, hidden: Bool = false) {
        self.on = on
        self.time = time
        self.kind = kind
        self.by = by
        self.text = text
        self.hidden = hidden
    }
}

extension School {
    /// Everything recorded about a pupil's casework, newest first, as `viewer` may see it:
    /// a sensitive entry shows that it exists, by whom and when, but not its words.
    public func chronology(for upn: String, viewer: StaffMember) -> [ChronologyEntry] {
        var out: [ChronologyEntry] = []
        // A leaver's case closed by the rule is Rollcall's, not a member of staff's.
        let name = { (login: String) in login == StageChange.byRollcall ? "Rollcall" : self.staff[login]?.name ?? login }
        for e in casework.contacts[upn] ?? [] {
            let shown = e.visible(to: viewer)
            let kind: ChronologyEntry.Kind
            switch e.kind {
            case .call, .message: kind = .call
            case .homeVisit: kind = .visit
            case .letter: kind = .letter
            case .meeting: kind = .meeting
            case .note: kind = .note
            }
            var summary = shown.summary
            // The summary starts with the date and time, which the chronology shows in columns.
            let prefix = shown.time.map { "\(shown.on) \($0) " } ?? "\(shown.on) "
            if summary.hasPrefix(prefix) { summary.removeFirst(prefix.count) }
            out.append(ChronologyEntry(on: e.on, time: e.time, kind: kind, by: e.byName.isEmpty ? name(e.by) : e.byName, text: summary,
                                       // Withheld here, or already by the store (words held apart
                                       // where this login cannot read them).
                                       hidden: shown.text != e.text || e.text == ContactLogEntry.withheldText))
        }
        for whole in casework.meetings[upn] ?? [] {
            let m = whole.visible(to: viewer)
            var parts: [String] = []
            if !m.goingWell.isEmpty { parts.append("going well: \(m.goingWell)") }
            if !m.concerns.isEmpty { parts.append("concerns: \(m.concerns)") }
            if !m.agreedActions.isEmpty { parts.append("agreed: " + m.agreedActions.joined(separator: "; ")) }
            if let t = m.target { parts.append("target \(t)") }
            if let r = m.nextReview { parts.append("review \(r.spoken)") }
            guard m.isActionPlan || !parts.isEmpty else { continue }
            out.append(ChronologyEntry(on: m.on, time: nil, kind: .plan, by: name(m.by),
                                       text: (m.isActionPlan ? "action plan: " : "meeting minutes: ") + parts.joined(separator: "; "),
                                       hidden: m.concerns == ContactLogEntry.withheldText))
        }
        for file in casework.cases(for: upn) {
            for h in file.history {
                let move = h.decision == .close ? "closed at \(h.from ?? "–")" : "\(h.decision.rawValue.replacingUnderscores()) \(h.from ?? "–") → \(h.to ?? "–")"
                let pct = h.figures.attendancePercent.map { " (attendance \(PercentText.truncated($0))%)" } ?? ""
                let over = h.recommended.map { "; the policy recommended \($0)" } ?? ""
                out.append(ChronologyEntry(on: h.on, time: nil, kind: .decision, by: name(h.by),
                                           text: "\(file.track.replacingUnderscores()): \(move)\(pct): \(h.reason)\(over)"))
            }
        }
        for t in casework.timetables[upn] ?? [] {
            out.append(ChronologyEntry(on: t.starts, time: nil, kind: .plan, by: name(t.by),
                                       text: "part-time timetable \(t.starts.spoken) to \(t.ends.spoken), review \(t.reviewOn.spoken): \(t.note)"))
        }
        for i in casework.interventions[upn] ?? [] where i.kind != .penaltyNotice {
            out.append(ChronologyEntry(on: i.on, time: nil, kind: .intervention, by: name(i.by),
                                       text: "step \(i.kind.step): \(i.kind.rawValue.replacingUnderscores())" + (i.note.isEmpty ? "" : ": \(i.note)")))
        }
        for p in casework.penaltyNotices[upn] ?? [] {
            out.append(ChronologyEntry(on: p.on, time: nil, kind: .penalty, by: name(p.by),
                                       text: "penalty notice requested for \(p.parent): £\(p.amount) (\(p.unauthorisedSessions) unauthorised sessions): \(p.reason)"))
        }
        return out.sorted { ($0.on, $0.time ?? "") > ($1.on, $1.time ?? "") }
    }
}
