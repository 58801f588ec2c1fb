extension School {
    /// Notices already requested for this parent about this child in the rolling 3 years
    /// up to `date`: what sets both the limit (2) and the amount of the next one.
    public func previousPenaltyNotices(for upn: String, parent: String, asOf date: SchoolDate) -> [PenaltyNoticeRequest] {
        let threeYearsAgo = SchoolDate(year: date.year - 3, month: date.month,
                                       day: min(date.day, SchoolDate.daysInMonth(year: date.year - 3, month: date.month)))!
        return (casework.penaltyNotices[upn] ?? []).filter { $0.counts && $0.parent == parent && $0.on > threeYearsAgo && $0.on <= date }
    }

    /// Whether a penalty notice may be requested for a pupil, per parent with parental
    /// responsibility, under the national framework: 10+ unauthorised sessions in 10 school
    /// weeks (none still N), support offered first, compulsory school age, and fewer than 2
    /// notices to that parent for that child in the last 3 years.
    /// `supportNotAppropriate`: the head's reason why support first would not be
    /// appropriate (rules.md; a term-time holiday is the usual example), the other route.
    public func penaltyEligibility(for upn: String, asOf date: SchoolDate, supportNotAppropriate: String? = nil) -> PenaltyEligibility {
        let stats = statistics
        // Only sessions while the child is of compulsory school age count towards a notice.
        let compulsoryFrom = pupils[upn]?.compulsorySchoolAgeStarts
        let recent = stats.unauthorisedInRecentSchoolWeeks(for: upn, asOf: date, from: compulsoryFrom)
        var why: [String] = []
        let met = recent.total >= PenaltyEligibility.thresholdSessions
        let window = recent.window.map { " (\($0.start.spoken) to \(min($0.end, date).spoken))" } ?? ""
        why.append("\(recent.total) unauthorised sessions in the last \(PenaltyEligibility.thresholdSchoolWeeks) school weeks\(window): threshold of \(PenaltyEligibility.thresholdSessions) \(met ? "met" : "not met")")
        if let from = compulsoryFrom, let w = recent.window, from > w.start {
            why.append("only sessions from \(from.spoken), when compulsory school age began, count")
        }
        if recent.stillUnexplained > 0 {
            why.append("\(recent.stillUnexplained) of them still N: establish the reasons before requesting a notice")
        }
        var ok = met && recent.stillUnexplained == 0
        let support = casework.supportRecorded(for: upn, before: date)
        let notAppropriate = supportNotAppropriate.map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        if !support.isEmpty {
            why.append("support recorded: \(support.joined(separator: "; "))")
            why.append("route: support offered first")
        } else if let notAppropriate {
            why.append("route: support would not be appropriate, in the head's words: \(notAppropriate)")
        } else {
            why.append("no support recorded yet (meeting, plan, early help …): a notice is considered only after support is offered, "
                       + "unless the head records why support would not be appropriate (--support-not-appropriate)")
            ok = false
        }
        guard let pupil = pupils[upn] else {
            return PenaltyEligibility(thresholdMet: met, eligible: false, unauthorisedSessions: recent.total,
                                      unresolvedNSessions: recent.stillUnexplained, why: why + ["no such pupil"], eligibleParents: [])
        }
        if !pupil.isOnRollForCasework(on: date), let left = pupil.leavingOn {
            why.append("\(pupil.knownAs) left the school on \(left.spoken)")
            ok = false
        }
        if !pupil.isOfCompulsorySchoolAge(on: date) {
            why.append("\(pupil.knownAs) is not of compulsory school age")
            ok = false
        }
        var parents: [String] = []
        let withPR = pupil.contacts.filter(\.parentalResponsibility)
        if withPR.isEmpty { why.append("no contact with parental responsibility is recorded"); ok = false }
        for parent in withPR {
            let previous = previousPenaltyNotices(for: upn, parent: parent.name, asOf: date)
            // A notice answers the sessions up to the day it was requested: another for the
            // same parent needs 10 unauthorised sessions in the window after that day.
            if let last = previous.max(by: { $0.on < $1.on }), let window = recent.window, last.on >= window.start,
               stats.figures(for: upn, in: DateRange(last.on.adding(days: 1), date)).unauthorisedAbsence < 10 {
                why.append("\(parent.name): a notice was requested on \(last.on.spoken) for these sessions; another needs 10 unauthorised sessions since")
            } else if previous.count >= 2 {
                why.append("\(parent.name): \(previous.count) notices in the last 3 years (\(previous.map(\.on.spoken).joined(separator: ", "))): the LA considers other action, such as prosecution")
            } else {
                let amounts = PenaltyEligibility.amounts(previous: previous.count)
                why.append("\(parent.name): \(previous.count == 0 ? "first notice" : "second notice within 3 years"): £\(amounts.amount)\(amounts.ifLate != amounts.amount ? " if paid within 21 days, £\(amounts.ifLate) within 28" : ", no discount")")
                parents.append(parent.name)
            }
        }
        if parents.isEmpty { ok = false }
        return PenaltyEligibility(thresholdMet: met, eligible: ok, unauthorisedSessions: recent.total,
                                  unresolvedNSessions: recent.stillUnexplained, why: why, eligibleParents: ok ? parents : [])
    }
}
