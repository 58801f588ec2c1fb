/// What a member of staff asks for on a case, in the school's words. The engine works out
/// the stage it moves to when they do not name one.
public enum CaseMove: String, CaseIterable, Hashable, Sendable {
    /// Enter a stage when there is no open case; otherwise escalate.
    case advance
    case hold
    case stepDown = "step_down"
    case review
    case close
}

extension CaseworkEngine {
    /// The decision a move makes. Without `to`: `advance` enters the stage the policy
    /// recommends (or the first) when there is no open case, and otherwise escalates to the
    /// recommended stage (or the next one); `stepDown` goes to the recommended stage (or the
    /// one before). The result is still checked when it is committed.
    public func decisionFor(upn: String, track trackID: String, move: CaseMove, to stage: String?,
                            reason: String, on date: SchoolDate) throws(ChangeRefused) -> CaseDecision {
        guard let track = policy.track(trackID) else {
            throw ChangeRefused(.notFound, "the policy has no \"\(trackID)\" track (it has \(policy.tracks.map(\.id).joined(separator: ", ")))")
        }
        let recommended = recommendation(for: upn, track: track, measures: measures(for: upn))
        let open = school.casework.caseFile(upn, track: track.id).flatMap { $0.isOpen ? $0 : nil }
        let current = track.stages.firstIndex { $0.id == open?.stage }
        var kind: StageChange.Decision
        var target = stage
        switch move {
        case .advance:
            if open == nil {
                kind = .enter
                target = stage ?? recommended?.recommendedStage ?? track.stages.first?.id
            } else {
                kind = .escalate
                if target == nil {
                    let i = current ?? -1
                    target = recommended?.kind == .escalate ? recommended?.recommendedStage : (i + 1 < track.stages.count ? track.stages[i + 1].id : nil)
                }
            }
        case .stepDown:
            kind = .stepDown
            if target == nil, open != nil {
                let i = current ?? 0
                target = recommended?.kind == .stepDown ? recommended?.recommendedStage : (i > 0 ? track.stages[i - 1].id : nil)
            }
        case .hold: kind = .hold; target = nil
        case .review: kind = .review; target = nil
        case .close: kind = .close; target = nil
        }
        guard let d = decision(upn: upn, track: track.id, decision: kind, to: target, reason: reason, on: date, recommended: recommended) else {
            throw ChangeRefused(.invalid, "cannot make that decision")
        }
        return d
    }
}
