/// Where a stage of a school's own policy sits in the graduated response, so schools with
/// different ladders can be counted side by side: early support (letters, calls, monitoring),
/// intervention (meetings, plans, referrals for support), enforcement (warning of, or asking
/// for, a penalty notice) or the LA (the stage tells the local authority).
public enum StageFamily: String, CaseIterable, Sendable, Comparable {
    case earlySupport = "early_support"
    case intervention
    case enforcement
    case la

    /// Column headings people read.
    public var label: String {
        switch self {
        case .earlySupport: return "Early support"
        case .intervention: return "Intervention"
        case .enforcement: return "Enforcement"
        case .la: return "LA"
        }
    }

    public static func < (a: StageFamily, b: StageFamily) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Policy.Stage {
    /// The stage's family, from what it does, highest first: a `report_to_la` action makes it
    /// the LA's; an enforcement stage (`isEnforcement`) enforcement; a meeting, a plan or a
    /// referral intervention; anything else (letters, calls, monitoring) early support.
    public var family: StageFamily {
        let kinds = Set(actions.map(\.kind))
        if kinds.contains("report_to_la") { return .la }
        if isEnforcement { return .enforcement }
        if !kinds.isDisjoint(with: ["meeting", "plan", "referral"]) { return .intervention }
        return .earlySupport
    }
}

extension School {
    /// Each pupil with an open case, at the highest family of their open cases' stages (a
    /// pupil on two tracks is counted once).
    public func pupilsByStageFamily() -> [StageFamily: Int] {
        guard let policy = casework.policy else { return [:] }
        var highest: [String: StageFamily] = [:]
        for c in casework.openCases {
            guard let id = c.stage, let stage = policy.track(c.track)?.stages.first(where: { $0.id == id }) else { continue }
            highest[c.upn] = max(highest[c.upn] ?? stage.family, stage.family)
        }
        var counts: [StageFamily: Int] = [:]
        for family in highest.values { counts[family, default: 0] += 1 }
        return counts
    }
}
