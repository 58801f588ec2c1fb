/// A leaver's open cases are closed as "left the school" from the day after the leaving date
/// (issue 19, defect 7). Nobody decides this: the rule does, so the closure is recorded by
/// Rollcall (`StageChange.byRollcall`) in the journal line of the change that finds it due —
/// the one that records a past leaving date, or the first change made on or after the day
/// after it. The store asks `closingLeaversCases`; `check` accepts such a closure from any
/// member of staff only when it is exactly what the rule owes.
extension StageChange {
    /// Who a closure made by the rule is recorded as.
    public static let byRollcall = "rollcall"
}

extension School {
    /// The decisions that close, on `today`, the open cases of pupils who are off roll for
    /// casework then (the day after their leaving date or later), in roll order.
    public func leaversCasesToClose(on today: SchoolDate) -> [CaseDecision] {
        // From the open cases, not the roll: this runs with every change, and a school has
        // far fewer open cases than pupils (and no need to sort the roll).
        let due = casework.openCases.compactMap { file -> (pupil: Pupil, file: CaseFile)? in
            guard let pupil = pupils[file.upn], !pupil.isOnRollForCasework(on: today) else { return nil }
            return (pupil, file)
        }
        guard !due.isEmpty else { return [] }
        let statistics = self.statistics
        let context = PupilMeasures.DateContext(asOf: today, statistics: statistics)
        return due.sorted { a, b in
            a.pupil.upn == b.pupil.upn ? a.file.track < b.file.track : School.rollOrder(a.pupil, b.pupil)
        }.map { pupil, file in
            let figures = PupilMeasures(upn: pupil.upn, pupil: pupil, context: context, statistics: statistics).figures
            let change = StageChange(decision: .close, from: file.stage, to: nil, on: today, by: StageChange.byRollcall,
                                     reason: Self.leftTheSchool(pupil), figures: figures)
            return CaseDecision(upn: pupil.upn, track: file.track, change: change, nextReview: nil, newActions: [])
        }
    }

    /// `t` with the closures the rule owes once `t` is applied: a leaving date recorded in
    /// `t` that has already passed closes the pupil's cases in the same transaction, and so
    /// does any change made after a leaver's day has come. Unchanged when nothing is owed.
    public func closingLeaversCases(_ t: Transaction, today: SchoolDate) -> Transaction {
        var after = self
        for change in t.changes {
            switch change {
            case .pupil, .caseDecision: after.apply(change)
            default: break
            }
        }
        let owed = after.leaversCasesToClose(on: today)
        guard !owed.isEmpty else { return t }
        var t = t
        t.changes += owed.map(Change.caseDecision)
        return t
    }

    /// The reason a closure by the rule gives, in the words the issue asks for.
    static func leftTheSchool(_ pupil: Pupil) -> String {
        "left the school" + (pupil.leavingOn.map { " on \($0.spoken): off roll for casework from the next day" } ?? "")
    }

    /// Whether `d`, recorded by Rollcall, is a closure the rule owes on `today` once the
    /// pupils in `t` are recorded: a leaver's open case, closed with the rule's words.
    func isOwedLeaverClosure(_ d: CaseDecision, in t: Transaction, today: SchoolDate?) -> Bool {
        let pupil = t.changes.reduce(pupils[d.upn]) { p, change in
            if case .pupil(let q) = change, q.upn == d.upn { return q }
            return p
        }
        guard let pupil, d.change.decision == .close, d.newActions.isEmpty,
              !pupil.isOnRollForCasework(on: d.change.on), d.change.reason == Self.leftTheSchool(pupil),
              casework.caseFile(d.upn, track: d.track)?.isOpen == true else { return false }
        return today.map { d.change.on == $0 } ?? true
    }
}
