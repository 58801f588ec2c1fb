import Attendance

/// A penalty-notice request (head only): the eligibility check in full, then a parent with
/// parental responsibility and the reason for the LA. Refused with the why when not eligible.
public struct PenaltyForm: Sendable {
    public var upn: String
    public var check: PenaltyEligibility
    /// Index into the eligible parents.
    public var parent = 0
    public var reason = TextField()
    /// The day the form was opened: the request is dated it, even after midnight.
    public var opened: FormMoment
}

extension AppState {
    mutating func openPenalty(_ upn: String) -> [Effect] {
        guard context.staff.may(.requestPenaltyNotices) else {
            status = StatusLine("Only the head requests penalty notices (you are \(context.staff.role.rawValue) staff)", .warning)
            return []
        }
        overlay = .penalty(PenaltyForm(upn: upn, check: school.penaltyEligibility(for: upn, asOf: context.today), opened: context.moment))
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
        case .chooseParent? where parents.count > 1 && f.reason.isEmpty:
            f.parent = (f.parent + (key == .left ? parents.count - 1 : 1)) % parents.count
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
            return send(school.requestingPenaltyNotice(upn: f.upn, parent: parents[f.parent], on: f.opened.day, reason: reason),
                        for: .penaltyNotice(upn: f.upn, parent: parents[f.parent]))
        default:
            _ = f.reason.handle(key)
        }
        return []
    }

    func drawPenalty(_ f: PenaltyForm, _ g: inout Grid) {
        let name = school.pupils[f.upn]?.fullName ?? f.upn
        var lines = [f.check.eligible ? "A penalty notice may be requested:" : "A penalty notice may NOT be requested now:"]
        lines += f.check.why.map { "• " + $0 }
        lines.append("")
        let parents = f.check.eligibleParents
        let area = drawBox(title: "Penalty notice: \(name)", lines: lines,
                           hints: f.check.eligible ? Bindings.hints(for: .penaltyForm) : Bindings.hints(for: .penaltyForm, only: [.cancel]), &g,
                           extraRows: f.check.eligible ? 2 : 0)
        guard f.check.eligible, parents.indices.contains(f.parent) else { return }
        g.put("For     ‹ \(parents[f.parent]) ›", x: area.x, y: area.y, style: .title)
        g.put("Reason  ", x: area.x, y: area.y + 1, style: .title)
        f.reason.draw(into: &g, x: area.x + 8, y: area.y + 1, width: area.width - 8)
    }
}
