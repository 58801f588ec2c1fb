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
            guard let days = unexplainedDays(of: pupil.upn, on: date, stats: stats) else { continue }
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
            let tried = triedToReach(pupil.upn, on: date)
            list.append(CallEntry(pupil: pupil, daysUnexplained: max(days, 1), vulnerable: vulnerable, contacts: pupil.contacts,
                                  triedToday: tried, stage: stageID, nextSteps: steps, duties: laDuties(for: pupil.upn, asOf: date)))
        }
        return list.sorted {
            ($0.vulnerable ? 0 : 1, -$0.daysUnexplained, $0.pupil.listName) < ($1.vulnerable ? 0 : 1, -$1.daysUnexplained, $1.pupil.listName)
        }
    }
}

extension School {
    /// Pupils on the calling list of `date` with no call, visit or message logged that day:
    /// the calling list's own rules, counted without sorting the roll or working out each
    /// entry's steps and duties (the trust view counts 50 schools' lists).
    public func callsNotMade(on date: SchoolDate) -> Int {
        let stats = statistics
        return pupils.values.reduce(0) { n, pupil in
            pupil.isOnRollForCasework(on: date) && unexplainedDays(of: pupil.upn, on: date, stats: stats) != nil
                && triedToReach(pupil.upn, on: date).isEmpty ? n + 1 : n
        }
    }

    /// Nil when the pupil is not on the calling list of `date`; else the school days in a
    /// row of unexplained absence so far (0 when today's N or O is the first). On the list:
    /// unexplained today (N, or the O an N turns into after five days), or a run of whole
    /// unexplained days still open because today's register is not taken yet.
    func unexplainedDays(of upn: String, on date: SchoolDate, stats: Statistics) -> Int? {
        let codes = [register.mark(for: upn, at: Session(date, .am)), register.mark(for: upn, at: Session(date, .pm))]
        let days = stats.consecutiveUnexplainedDays(for: upn, asOf: date)
        return codes.contains(where: { $0?.code.isUnexplained == true }) || days > 0 ? days : nil
    }

    /// Calls, visits and messages logged on `date` about the pupil.
    func triedToReach(_ upn: String, on date: SchoolDate) -> [ContactLogEntry] {
        (casework.contacts[upn] ?? []).filter { $0.on == date && [.call, .homeVisit, .message].contains($0.kind) }
    }
}

/// "4" or "4.5" days.
public func formatDays(_ d: Double) -> String { d == d.rounded() ? "\(Int(d))" : PercentText.truncated(d) }
