/// What the day at a glance lists, worked out once for the app's Today screen and
/// `rollcall today`: the follow-ups due, and the alerts from the unexplained-absence ladder.
public struct FollowUpDue: Hashable, Sendable {
    public var pupil: Pupil
    public var entry: ContactLogEntry
    /// True when it was due before today.
    public var overdue: Bool
}

/// An alert on the day: the unexplained-absence stage a pupil on the calling list has reached
/// (from the policy's calling steps), with the duties to the LA that day's count brings.
public struct AbsenceAlert: Hashable, Sendable {
    public var pupil: Pupil
    public var daysUnexplained: Int
    /// The stage's name and what it calls for, in the policy's words.
    public var text: String
    /// True when the LA is owed something (a `report_to_la` step, or a duty).
    public var tellsTheLA: Bool
}

extension School {
    /// How far back a follow-up still shows as overdue: a fortnight.
    public static let followUpsShownForDays = 14

    /// With no policy chosen there are no calling steps: the DfE guidance's usual home visit
    /// from day 3, and the LA told from day 10.
    static func alertWithNoPolicy(_ e: CallEntry) -> AbsenceAlert? {
        let n = e.daysUnexplained
        guard n >= 3 else { return nil }
        let text = n >= 10 ? "day \(n) of unexplained absence: tell the local authority (child missing education)"
                           : "day \(n) of unexplained absence: home visit and the policy's day-3 steps"
        return AbsenceAlert(pupil: e.pupil, daysUnexplained: n, text: text, tellsTheLA: n >= 10)
    }

    /// Follow-ups set for `date` or the fortnight before, with no call or home visit logged
    /// since the entry that set them; oldest first, then by name. Pupils who have left are
    /// not followed up.
    public func followUpsDue(on date: SchoolDate) -> [FollowUpDue] {
        var due: [FollowUpDue] = []
        for (upn, entries) in casework.contacts {
            guard let p = pupils[upn], p.isOnRollForCasework(on: date) else { continue }
            for e in entries {
                guard let f = e.followUp, f <= date, f >= date.adding(days: -Self.followUpsShownForDays) else { continue }
                let later = entries.contains { $0.on > e.on && $0.on <= date && [.call, .homeVisit].contains($0.kind) }
                if !later { due.append(FollowUpDue(pupil: p, entry: e, overdue: f < date)) }
            }
        }
        return due.sorted { ($0.entry.followUp!, $0.pupil.listName) < ($1.entry.followUp!, $1.pupil.listName) }
    }

    /// Alerts for the calling list on `date`: every pupil whose run of unexplained absence has
    /// reached a stage of the policy's unexplained-absence track beyond its first step (the
    /// day-3 home visit, the day-10 report to the LA …), worded from the policy, or with a
    /// duty to the LA that day.
    public func absenceAlerts(on date: SchoolDate, calls: [CallEntry]? = nil) -> [AbsenceAlert] {
        let track = casework.policy?.track("unexplained_absence")
        let first = track?.stages.first?.id
        guard track != nil else { return (calls ?? callingList(on: date)).compactMap(Self.alertWithNoPolicy) }
        return (calls ?? callingList(on: date)).compactMap { e in
            let stage = track?.stages.first { $0.id == e.stage }
            let la = (stage?.actions.contains { $0.kind == "report_to_la" } ?? false) || !e.duties.isEmpty
            guard let stage, stage.id != first || la else { return nil }
            let steps = e.nextSteps.joined(separator: "; ")
            return AbsenceAlert(pupil: e.pupil, daysUnexplained: e.daysUnexplained,
                                text: "day \(e.daysUnexplained) of unexplained absence (\(stage.name)): \(steps)" + (e.duties.isEmpty ? "" : "; " + e.duties.joined(separator: "; ")),
                                tellsTheLA: la)
        }
    }
}
