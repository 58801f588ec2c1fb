/// One pupil to call about today: absent with no reason yet (`N`, or `O` once an `N` has
/// stood for five days): a run of unexplained absence that is still open.
public struct CallEntry: Hashable, Sendable {
    public var pupil: Pupil
    /// School days in a row of unexplained absence, today included.
    public var daysUnexplained: Int
    public var vulnerable: Bool
    /// Contacts in the order to call them.
    public var contacts: [Contact]
    /// Calls, visits and messages already logged today.
    public var triedToday: [ContactLogEntry]
    /// The unexplained-absence stage for today's day count, and what it calls for.
    public var stage: String?
    public var nextSteps: [String]
    /// Duties to the local authority this pupil now meets.
    public var duties: [String]
}

extension School {
    /// Everyone whose run of unexplained absence (`N` or `O`) is still open on `date`,
    /// with the day count of the whole run; vulnerable pupils (CP, CIN, CLA,
    /// social worker) first, then the longest run of unexplained days, then by name.
    public func callingList(on date: SchoolDate) -> [CallEntry] {
        let stats = statistics
        let track = casework.policy?.track("unexplained_absence")
        var list: [CallEntry] = []
        for pupil in casework(roll: date) {
            // Unexplained today (N, or the O an N turns into after five days), or a run of
            // whole unexplained days still open because today's register is not taken yet.
            let codes = [register.mark(for: pupil.upn, at: Session(date, .am)), register.mark(for: pupil.upn, at: Session(date, .pm))]
            let days = stats.consecutiveUnexplainedDays(for: pupil.upn, asOf: date)
            guard codes.contains(where: { $0?.code.isUnexplained == true }) || days > 0 else { continue }
            let vulnerable = pupil.flags.isSafeguardingPriority
            var steps: [String] = []
            var stageID: String?
            // Only the day count matters on this track, so no other measure is worked out.
            let dayCount = { (t: Condition.Test) -> Double? in t.measure == Measure.consecutiveUnexplainedDays.rawValue ? Double(days) : nil }
            if let track, let stage = track.stages.last(where: { $0.entry?.holds(dayCount) ?? false }) {
                stageID = stage.id
                steps = stage.actions.map(\.description) + (vulnerable ? (stage.vulnerableActions ?? []).map(\.description) : [])
            } else {
                steps = ["Call every contact to find out where \(pupil.knownAs) is" + (vulnerable ? "; vulnerable: home visit today" : "")]
            }
            let tried = (casework.contacts[pupil.upn] ?? []).filter { $0.on == date && [.call, .homeVisit, .message].contains($0.kind) }
            list.append(CallEntry(pupil: pupil, daysUnexplained: max(days, 1), vulnerable: vulnerable, contacts: pupil.contacts,
                                  triedToday: tried, stage: stageID, nextSteps: steps, duties: laDuties(for: pupil.upn, asOf: date)))
        }
        return list.sorted {
            ($0.vulnerable ? 0 : 1, -$0.daysUnexplained, $0.pupil.listName) < ($1.vulnerable ? 0 : 1, -$1.daysUnexplained, $1.pupil.listName)
        }
    }
}

/// "4" or "4.5" days.
public func formatDays(_ d: Double) -> String { d == d.rounded() ? "\(Int(d))" : PercentText.truncated(d) }
