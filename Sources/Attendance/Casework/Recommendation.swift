/// What the policy says should happen next on one pupil's track, with the numbers why.
/// The engine only recommends: staff confirm or override, with a reason.
public struct Recommendation: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case enter, escalate, hold, stepDown = "step_down", close, reviewDue = "review_due", actionOverdue = "action_overdue"
    }

    public var upn: String
    public var track: String
    /// The case's current stage, nil if no open case.
    public var stage: String?
    public var kind: Kind
    public var recommendedStage: String?
    /// Each quoting the numbers that triggered it.
    public var reasons: [String]
    public var nextReview: SchoolDate?
    public var overdueActions: [CaseAction]
    public var figures: CaseFigures
    /// The highest stage whose entry rule holds now, whatever the case's stage: where the
    /// policy's rules point, which a case reaches one stage at a time.
    public var ruleStage: String? = nil
}

/// Evaluates the school's policy for pupils as of a date.
public struct CaseworkEngine: Sendable {
    public let school: School
    public let policy: Policy
    public let asOf: SchoolDate
    let statistics: Statistics
    let context: PupilMeasures.DateContext
    /// The day a new case may open after one closed on a given day, for every day a case
    /// closed: worked out once here, not once per pupil (it counts school weeks over the
    /// calendar, and a whole caseload asks it for every closed case).
    let reopenFrom: [SchoolDate: SchoolDate]

    public init?(school: School, asOf: SchoolDate) {
        guard let policy = school.casework.policy else { return nil }
        self.school = school
        self.policy = policy
        self.asOf = asOf
        self.statistics = school.statistics
        self.context = PupilMeasures.DateContext(asOf: asOf, statistics: statistics)
        let weeks = policy.reopenAfterWeeks ?? Policy.defaultReopenAfterWeeks
        var reopenFrom: [SchoolDate: SchoolDate] = [:]
        for file in school.casework.cases.values where !file.isOpen {
            guard let last = file.history.last, last.decision == .close, reopenFrom[last.on] == nil else { continue }
            reopenFrom[last.on] = statistics.schoolDays.adding(schoolWeeks: weeks, to: last.on)
        }
        self.reopenFrom = reopenFrom
    }

    public func measures(for upn: String) -> PupilMeasures {
        var m = PupilMeasures(upn: upn, pupil: school.pupils[upn], context: context, statistics: statistics)
        m.causeForConcern = school.casework.causeForConcern(upn, asOf: asOf)
        return m
    }

    /// Every track with an open case or a recommendation, pupil by pupil in register order.
    /// A pupil who has left is in it only while a case of theirs is still open, to close it.
    public func caseload() -> [Recommendation] {
        school.roll.flatMap { pupil in recommendations(for: pupil.upn) }
    }

    public func recommendations(for upn: String) -> [Recommendation] {
        let m = measures(for: upn)
        if let pupil = school.pupils[upn], !pupil.isOnRollForCasework(on: asOf), let left = pupil.leavingOn {
            return school.casework.cases(for: upn).filter(\.isOpen).map { file in
                Recommendation(upn: upn, track: file.track, stage: file.stage, kind: .close, recommendedStage: nil,
                               reasons: ["left the school on \(left.spoken): close the case"], nextReview: file.nextReview,
                               overdueActions: [], figures: m.figures)
            }
        }
        return policy.tracks(for: school.pupils[upn]?.yearGroup).compactMap { recommendation(for: upn, track: $0, measures: m) }
    }

    public func recommendation(for upn: String, track: Policy.Track, measures m: PupilMeasures) -> Recommendation? {
        let file = school.casework.caseFile(upn, track: track.id).flatMap { $0.isOpen ? $0 : nil }
        let stages = track.stages
        let currentIndex = file?.stage.flatMap { s in stages.firstIndex { $0.id == s } }
        let eval = RuleEvaluation(measures: m, caseFile: school.casework.caseFile(upn, track: track.id),
                                  review: currentIndex.flatMap { stages[$0].atReview },
                                  minimumPossibleSessions: policy.percentRulesFromSessions,
                                  planTarget: planTarget(for: upn, file: file))
        let waiting = eval.percentRulesWaitReason(stages.compactMap(\.entry)).map { [$0] } ?? []
        // A warning or penalty stage answers unauthorised absence only: with none in the
        // window its rule does not hold, however much illness, C2 or E the figures show.
        let unauthorised = m.recentUnauthorised.total > 0
        func entryHolds(_ k: Int) -> Bool {
            guard let rule = stages[k].entry, eval.holds(rule) else { return false }
            return unauthorised || !stages[k].isEnforcement
        }
        let highest = stages.indices.last(where: entryHolds)
        let heldBack = stages.indices.filter { k in !unauthorised && stages[k].isEnforcement && (stages[k].entry.map(eval.holds) ?? false) }
            .map { "\(stages[$0].name): not for a pupil with no unauthorised session in the last 10 school weeks (a warning or penalty notice answers only unauthorised absence)" }
        // A letter the stage chose by a condition (`when`: Bridgewater's panel invitation is
        // for pupils below 90%) is checked again before it is due: if the condition no longer
        // holds, it is not chased, and the stage's letter whose condition holds now is named.
        let stageActions = currentIndex.map { stages[$0].actions } ?? []
        let lapsed = (file?.actions ?? []).filter { a in
            guard a.doneOn == nil, let t = a.template, let rule = stageActions.first(where: { $0.template == t })?.when else { return false }
            return !eval.holds(rule)
        }
        let instead = stageActions.filter { a in a.kind == "letter" && a.when.map(eval.holds) == true && !lapsed.contains { $0.template == a.template } }
        let lapsedReasons = lapsed.map { a in
            "no longer called for: \(a.description) (its condition no longer holds)"
                + (instead.first?.template.map { "; send \($0) instead" } ?? "")
        }
        let overdue = (file?.overdueActions(asOf: asOf) ?? []).filter { a in !lapsed.contains(a) }

        func make(_ kind: Recommendation.Kind, _ stage: Int?, _ reasons: [String]) -> Recommendation {
            Recommendation(upn: upn, track: track.id, stage: file?.stage, kind: kind, recommendedStage: stage.map { stages[$0].id },
                           reasons: reasons + waiting + heldBack + overdue.map { "overdue since \($0.due.spoken): \($0.description)" } + lapsedReasons,
                           nextReview: file?.nextReview, overdueActions: overdue, figures: m.figures,
                           ruleStage: highest.map { stages[$0].id })
        }
        func entryReasons(_ i: Int) -> [String] { stages[i].entry.map(eval.reasons) ?? [] }

        guard let file, let i = currentIndex else {
            guard let j = highest else { return nil }
            // After a case closed as improved, no new one at once (families were told
            // "improved" and "below our target" in the same week).
            if reopenWait(upn: upn, track: track, measures: m) != nil { return nil }
            // No case yet: start at the first stage, or the highest one whose rule holds and
            // that the policy lets a case start at (`enterDirectly`).
            let first = stages.indices.first { stages[$0].entry != nil } ?? j
            func mayStart(_ k: Int) -> Bool { k == first || stages[k].mayBeEnteredDirectly(eval.holds) }
            if mayStart(j) { return make(.enter, j, entryReasons(j)) }
            let start = stages.indices.last { k in k < j && mayStart(k) && entryHolds(k) } ?? first
            return make(.enter, start, entryReasons(j) + ["no case yet: \(stages[j].name) is reached through the earlier stages, so the case starts at \(stages[start].name)"])
        }
        if let close = stages[i].closeWhen, eval.holds(close) {
            return make(.close, nil, ["closes when " + (eval.reasons(close).first ?? "its close rule holds")])
        }
        // A stage the policy lets a case jump to (the days of unexplained absence, a cause
        // for concern) is taken at once when its rule holds.
        if let j = highest, j > i,
           let k = (i + 1...j).last(where: { stages[$0].mayBeEnteredDirectly(eval.holds) && entryHolds($0) }) {
            return make(.escalate, k, entryReasons(k))
        }
        // Any other stage is reached one at a time, and only a stage whose own rule holds (or
        // that has none, being reached only from the stage before): Bridgewater's punctuality
        // Step 3 needs more than 10 lates however the review went.
        let nextUp = stages.indices.first { k in
            k > i && (stages[k].entry == nil ? unauthorised || !stages[k].isEnforcement : entryHolds(k))
        }
        func through(_ k: Int) -> [String] {
            guard let j = highest, j > k else { return [] }
            return ["one stage at a time: \(stages[k].name) comes before \(stages[j].name)"]
        }

        // The review is judged first, on the stage's own rule: a family whose attendance rose
        // is never escalated and told it has not improved (Appendix 3: "if improved action
        // closed, if not progress").
        if let review = file.nextReview, review <= asOf, let rule = stages[i].atReview, let improved = eval.improvedSinceReview {
            let due = "review due \(review.spoken)"
            let how = eval.reviewComparison
            if improved {
                switch rule.ifImproved {
                case "close": return make(.close, nil, [due, "improved: \(how)"])
                case "step_down":
                    if let j = highest, j < i { return make(.stepDown, j, [due, "improved: \(how)"] + entryReasons(j)) }
                    if highest == nil { return make(.close, nil, [due, "improved: \(how); no stage's rule holds now"]) }
                    return make(.reviewDue, i, [due, "improved: \(how)"])
                default: return make(.reviewDue, i, [due, "improved: \(how)"])
                }
            }
            // Risen, but by less than the policy's `improvedBy`: not enough to close, yet no
            // family is escalated and told attendance "has not improved" when it rose.
            if eval.attendanceRoseSinceReview {
                return make(.reviewDue, i, [due, "not improved by the \(PercentText.truncated(rule.improvedBy)) points the policy asks, though it rose: \(how); not escalated"])
            }
            if let k = nextUp, rule.ifNotImproved == "escalate" || (highest ?? -1) > i {
                return make(.escalate, k, [due, "not improved: \(how)"] + entryReasons(k) + through(k))
            }
            return make(.reviewDue, i, [due, "not improved: \(how)"])
        }

        // No review rule, or nothing yet to judge it by: a higher stage's rule moves the case
        // on at the review (one stage at a time, so no family gets a letter that presumes a
        // step it never had).
        var waitingFor: [String]?
        if let j = highest, j > i {
            if file.nextReview.map({ $0 <= asOf }) ?? true {
                let next = nextUp ?? j
                return make(.escalate, next, entryReasons(j) + through(next))
            }
            // Before the review: the stage after this one is where a "not improved" leads.
            waitingFor = ["\(stages[j].name): its rule holds; the case moves on to \(stages[i + 1].name) at the review on \(file.nextReview!.spoken) if it has not improved, or sooner if staff decide"]
                + entryReasons(j)
        }
        if let review = file.nextReview, review <= asOf {
            return make(.reviewDue, i, ["review due \(review.spoken)"] + entryReasons(i))
        }
        if !overdue.isEmpty { return make(.actionOverdue, i, waitingFor ?? []) }
        let still = waitingFor ?? entryReasons(i)
        var reasons = still.isEmpty ? ["the rule for \(stages[i].name) no longer holds"] : still
        if let r = file.nextReview { reasons.append("next review \(r.spoken)") }
        return make(.hold, i, reasons)
    }

    /// Why no new case opens yet on a track whose last case was closed at a review (the
    /// stage has a review rule, not a close rule such as "the child is back"): within the
    /// policy's `reopenAfterWeeks` of the close, or while attendance is no lower than the
    /// figure it closed on. Nil: a case may open.
    public func reopenWait(upn: String, track: Policy.Track, measures m: PupilMeasures) -> [String]? {
        guard let closed = school.casework.caseFile(upn, track: track.id), !closed.isOpen,
              let last = closed.history.last, last.decision == .close, last.on <= asOf,
              let stage = track.stages.first(where: { $0.id == last.from }), let review = stage.atReview, stage.closeWhen == nil
        else { return nil }
        let weeks = policy.reopenAfterWeeks ?? Policy.defaultReopenAfterWeeks
        let until = reopenFrom[last.on] ?? statistics.schoolDays.adding(schoolWeeks: weeks, to: last.on)
        if asOf < until {
            return ["the case closed on \(last.on.spoken); a new one may open from \(until.spoken) (\(Counted.of(weeks, "school week")))"]
        }
        if (review.measure ?? Measure.attendancePercentYear.rawValue) == Measure.attendancePercentYear.rawValue,
           let was = last.figures.attendancePercent, let now = m.attendancePercent, now >= was {
            return ["the case closed on \(last.on.spoken) at \(PercentText.truncated(was))%; a new one opens only if attendance falls below that (now \(PercentText.truncated(now))%)"]
        }
        return nil
    }

    /// The target a review judges against: the latest meeting before the date that set one,
    /// from the meeting's day; else the policy's `targetPercent`, since the case entered its
    /// stage (a plan is judged on its own weeks, not the whole year); else for the year.
    func planTarget(for upn: String, file: CaseFile?) -> (percent: Double, since: SchoolDate?, fromPlan: Bool)? {
        if let m = (school.casework.meetings[upn] ?? []).last(where: { $0.on <= asOf && $0.target != nil }), let t = m.target {
            return (t.percent, m.on, true)
        }
        let entered = file.flatMap { f in f.history.last { $0.to == f.stage && [.enter, .escalate, .stepDown].contains($0.decision) }?.on }
        return policy.targetPercent.map { ($0, entered, false) }
    }

    /// A decision that follows a recommendation: the stage's actions with due dates, and
    /// the next review. `reason` is the member of staff's; `override` records that they
    /// chose differently from the engine.
    public func decision(upn: String, track trackID: String, decision: StageChange.Decision, to stageID: String?,
                         reason: String, on date: SchoolDate, recommended: Recommendation?) -> CaseDecision? {
        guard let track = policy.track(trackID) else { return nil }
        let file = school.casework.caseFile(upn, track: trackID).flatMap { $0.isOpen ? $0 : nil }
        let target = stageID ?? (decision == .close ? nil : file?.stage)
        let stage = target.flatMap { id in track.stages.first { $0.id == id } }
        let m = measures(for: upn)
        let moved = target != file?.stage && decision != .close
        let days = statistics.schoolDays
        var actions: [CaseAction] = []
        if moved, let stage {
            let vulnerable = school.pupils[upn]?.flags.isSafeguardingPriority ?? false
            let eval = RuleEvaluation(measures: m, caseFile: file, review: nil, minimumPossibleSessions: policy.percentRulesFromSessions)
            // Arriving directly (no case before, or past stages the family never had): the
            // stage's first-contact actions, if it has them.
            let index = { (id: String?) in track.stages.firstIndex { $0.id == id } }
            let firstIndex = track.stages.firstIndex { $0.entry != nil } ?? 0
            let targetIndex = index(target) ?? 0
            let direct = file.map { index($0.stage).map { targetIndex > $0 + 1 } ?? false } ?? (targetIndex != firstIndex)
            let planned = direct ? stage.directEntryActions ?? stage.actions : stage.actions
            for a in planned + (vulnerable ? stage.vulnerableActions ?? [] : []) where a.when.map(eval.holds) ?? true {
                actions.append(CaseAction(id: "", kind: a.kind, description: a.description, template: a.template,
                                          owner: a.owner, due: days.adding(schoolDays: a.dueWithinDays, to: date)))
            }
        }
        if decision == .close || decision == .stepDown, let current = file?.stage,
           let letter = track.stages.first(where: { $0.id == current })?.atReview?.improvedLetter {
            actions.append(CaseAction(id: "", kind: "letter", description: "Send the improved-attendance letter", template: letter,
                                      owner: "attendance", due: days.adding(schoolDays: 5, to: date)))
        }
        let weeks = stage?.reviewAfterWeeks
        let sameAsEngine = recommended.map { r in
            r.recommendedStage == target && (r.kind.rawValue == decision.rawValue || (r.kind == .reviewDue && [.hold, .review].contains(decision)))
        } ?? true
        let change = StageChange(decision: decision, from: file?.stage, to: decision == .close ? nil : target, on: date, by: "",
                                 reason: reason, figures: m.figures,
                                 recommended: sameAsEngine ? nil : recommended.map { "\($0.kind.rawValue)\($0.recommendedStage.map { " \($0)" } ?? "")" })
        return CaseDecision(upn: upn, track: trackID, change: change,
                            nextReview: decision == .close ? nil : weeks.map { days.adding(schoolWeeks: $0, to: date) } ?? file?.nextReview,
                            newActions: actions)
    }
}
