import Attendance

/// A penalty-notice request (head only): the eligibility check in full, then a parent with
/// parental responsibility and the reason for the LA. Refused with the why when not eligible.
/// With no support recorded, the head may say why support first would not be appropriate
/// (a term-time holiday, say): the other route to a notice, checked again as it is typed.
public struct PenaltyForm: Sendable {
    public var upn: String
    public var check: PenaltyEligibility
    /// Index into the eligible parents.
    public var parent = 0
    public var reason = TextField()
    /// Why support first would not be appropriate (offered only when none is recorded).
    public var supportNotAppropriate = TextField()
    public var offersSupportNotAppropriate: Bool
    /// The field typed into: the reason for the LA, or why support would not be appropriate.
    public var typingSupportNotAppropriate: Bool
    /// The day the form was opened: the request is dated it, even after midnight.
    public var opened: FormMoment
}

extension AppState {
    mutating func openPenalty(_ upn: String) -> [Effect] {
        guard context.staff.may(.requestPenaltyNotices) else {
            status = StatusLine("Only the head requests penalty notices (you are \(context.staff.role.rawValue) staff)", .warning)
            return []
        }
        let check = school.penaltyEligibility(for: upn, asOf: context.today)
        let offers = school.casework.supportRecorded(for: upn, before: context.today).isEmpty
        overlay = .penalty(PenaltyForm(upn: upn, check: check, offersSupportNotAppropriate: offers,
                                       typingSupportNotAppropriate: offers && !check.eligible, opened: context.moment))
        return []
    }

    mutating func penaltyKey(_ key: Key, _ f: inout PenaltyForm) -> [Effect] {
        let parents = f.check.eligibleParents
        switch Bindings.command(for: key, on: .penaltyForm) {
        case .cancel?:
            overlay = nil
            if !f.reason.isEmpty { status = StatusLine("Penalty notice not requested; the reason typed was not kept", .warning) }
        // ← → choose the parent while there is a choice and no reason typed; otherwise they
        // move in the reason (with no parents at all `%` would trap).
        case .chooseParent? where parents.count > 1 && f.reason.isEmpty && !f.typingSupportNotAppropriate:
            f.parent = (f.parent + (key == .left ? parents.count - 1 : 1)) % parents.count
        case .nextField? where f.offersSupportNotAppropriate:
            f.typingSupportNotAppropriate.toggle()
        case .saveForm?:
            guard f.check.eligible, parents.indices.contains(f.parent) else {
                status = StatusLine("A penalty notice may not be requested now: " + f.check.why.joined(separator: "; "), .warning)
                return []
            }
            let reason = f.reason.text.trimmingSpaces()
            guard !reason.isEmpty else {
                status = StatusLine("Say why, in a sentence for the local authority", .warning)
                return []
            }
            overlay = nil
            status = StatusLine("Requesting a penalty notice for \(parents[f.parent])…")
            let notAppropriate = f.offersSupportNotAppropriate ? f.supportNotAppropriate.text.trimmingSpaces() : ""
            return send(school.requestingPenaltyNotice(upn: f.upn, parent: parents[f.parent], on: f.opened.day, reason: reason,
                                                       supportNotAppropriate: notAppropriate.isEmpty ? nil : notAppropriate),
                        for: .penaltyNotice(upn: f.upn, parent: parents[f.parent]))
        default:
            if f.typingSupportNotAppropriate {
                if f.supportNotAppropriate.handle(key) { f.recheck(in: school) }
            } else {
                _ = f.reason.handle(key)
            }
        }
        return []
    }

    func drawPenalty(_ f: PenaltyForm, _ g: inout Grid) {
        let notAppropriateRow = f.offersSupportNotAppropriate ? 1 : 0
        let name = school.pupils[f.upn]?.fullName ?? f.upn
        var lines = [f.check.eligible ? "A penalty notice may be requested:" : "A penalty notice may NOT be requested now:"]
        lines += f.check.why.map { "• " + $0 }
        lines.append("")
        let parents = f.check.eligibleParents
        // Tab is offered only where there is a second field: no support recorded yet.
        let keys: [KeyCommand] = (f.check.eligible ? [.chooseParent, .saveForm, .cancel] : [.cancel])
            + (f.offersSupportNotAppropriate ? [.nextField] : [])
        let hints = Bindings.hints(for: .penaltyForm, only: keys)
        let area = drawBox(title: "Penalty notice: \(name)", lines: lines, hints: hints, &g,
                           extraRows: (f.check.eligible ? 2 : 0) + notAppropriateRow)
        if f.offersSupportNotAppropriate {
            // The long label where the box is wide enough for it and the words typed.
            let label = area.width >= 60 ? "Support not appropriate, because " : "No support, because "
            g.put(label, x: area.x, y: area.y, style: f.typingSupportNotAppropriate ? .title : .dim, limit: area.width)
            let x = area.x + label.count, width = max(0, area.width - label.count)
            if width > 0 {
                if f.typingSupportNotAppropriate { f.supportNotAppropriate.draw(into: &g, x: x, y: area.y, width: width) }
                else { g.put(f.supportNotAppropriate.text, x: x, y: area.y, limit: width) }
            }
        }
        guard f.check.eligible, parents.indices.contains(f.parent) else { return }
        let y = area.y + notAppropriateRow
        g.put("For     ‹ \(parents[f.parent]) ›", x: area.x, y: y, style: .title)
        g.put("Reason  ", x: area.x, y: y + 1, style: f.typingSupportNotAppropriate ? .dim : .title)
        let reasonWidth = max(0, area.width - 8)
        if f.typingSupportNotAppropriate { g.put(f.reason.text, x: area.x + 8, y: y + 1, limit: reasonWidth) }
        else if reasonWidth > 0 { f.reason.draw(into: &g, x: area.x + 8, y: y + 1, width: reasonWidth) }
    }
}

extension PenaltyForm {
    /// The eligibility again, with why support would not be appropriate as typed so far.
    mutating func recheck(in school: School) {
        check = school.penaltyEligibility(for: upn, asOf: opened.day, supportNotAppropriate: supportNotAppropriate.text)
        parent = min(parent, max(0, check.eligibleParents.count - 1))
    }
}
