/// Everything the policy's rules can test about one pupil on one date, worked out once.
public struct PupilMeasures: Sendable {
    public let upn: String
    public let asOf: SchoolDate
    public let yearToDate: AttendanceFigures
    public let recentUnauthorised: Statistics.RecentUnauthorised
    public let latesHalfTerm: Int
    public let consecutiveUnexplainedDays: Int
    public let vulnerable: Bool
    /// The note that raised a cause for concern, if one stands (`Casework.causeForConcern`).
    public var causeForConcern: ContactLogEntry?
    let statistics: Statistics

    /// What is the same for every pupil on a date: worked out once for a whole caseload.
    public struct DateContext: Sendable {
        public let asOf: SchoolDate
        public let recentWeeks: [SchoolDate]
        public let halfTermStart: SchoolDate

        public init(asOf: SchoolDate, statistics: Statistics) {
            self.asOf = asOf
            recentWeeks = statistics.schoolDays.schoolWeeks(count: 10, upTo: asOf)
            halfTermStart = statistics.halfTermStart(containing: asOf)
        }
    }

    public init(upn: String, pupil: Pupil?, asOf date: SchoolDate, statistics stats: Statistics) {
        self.init(upn: upn, pupil: pupil, context: DateContext(asOf: date, statistics: stats), statistics: stats)
    }

    public init(upn: String, pupil: Pupil?, context: DateContext, statistics stats: Statistics) {
        let date = context.asOf
        self.upn = upn
        asOf = date
        statistics = stats
        yearToDate = stats.figures(for: upn, in: Statistics.yearToDate(date))
        recentUnauthorised = stats.unauthorisedInRecentSchoolWeeks(for: upn, asOf: date, mondays: context.recentWeeks)
        latesHalfTerm = stats.figures(for: upn, in: DateRange(context.halfTermStart, date)).lateSessions
        consecutiveUnexplainedDays = stats.consecutiveUnexplainedDays(for: upn, asOf: date)
        vulnerable = pupil?.flags.isSafeguardingPriority ?? false
    }

    public var attendancePercent: Double? { yearToDate.attendancePercent }
    public var absenceDays: Double { Double(yearToDate.absent) / 2 }
    public var illnessDays: Double { Double(yearToDate.count(.illness)) / 2 }
    public var unauthorisedDays: Double { Double(yearToDate.unauthorisedAbsence) / 2 }
    public var unauthorisedPercent: Double? {
        yearToDate.possible > 0 ? Double(yearToDate.unauthorisedAbsence) * 100 / Double(yearToDate.possible) : nil
    }

    /// Attendance % over the last `weeks` school weeks up to the as-of date.
    public func recentPercent(weeks: Int) -> Double? { recentFigures(weeks: weeks)?.attendancePercent }

    /// The figures over the last `weeks` school weeks up to the as-of date.
    public func recentFigures(weeks: Int) -> AttendanceFigures? {
        let mondays = statistics.schoolDays.schoolWeeks(count: weeks, upTo: asOf)
        guard let first = mondays.last else { return nil }
        return statistics.figures(for: upn, in: DateRange(first, asOf))
    }

    public var figures: CaseFigures {
        CaseFigures(attendancePercent: attendancePercent, unauthorisedSessions10Weeks: recentUnauthorised.total,
                    latesHalfTerm: latesHalfTerm, consecutiveUnexplainedDays: consecutiveUnexplainedDays, absenceDays: absenceDays)
    }
}

/// Evaluates rules for one pupil on one track, and says in numbers why they hold.
struct RuleEvaluation {
    let measures: PupilMeasures
    /// The case on this track, for "not improved since the last review".
    let caseFile: CaseFile?
    /// The current stage's review rule, which says what counts as improved.
    let review: Policy.Review?
    /// Possible sessions this year before attendance-percentage rules apply (the policy's
    /// `minimumPossibleSessions`): until then no percentage test holds.
    var minimumPossibleSessions = 0
    /// The target a review `against: "target"` judges: the latest meeting's, from its date,
    /// or the policy's `targetPercent` for the year.
    var planTarget: (percent: Double, since: SchoolDate?, fromPlan: Bool)? = nil

    /// Whether it is too early in the pupil's year for attendance-percentage rules.
    var percentRulesWait: Bool { measures.yearToDate.possible < minimumPossibleSessions }

    /// "attendance percentages count from 40 possible sessions (20 school days); 10 so far",
    /// when it is too early for them and the condition tests a percentage.
    func percentRulesWaitReason(_ conditions: [Condition]) -> String? {
        guard percentRulesWait, conditions.contains(where: { $0.testsAttendancePercent }) else { return nil }
        let n = minimumPossibleSessions
        let days = n % 2 == 0 ? " (\(Counted.of(n / 2, "school day")))" : ""
        return "attendance percentages count from \(Counted.of(n, "possible session"))\(days); \(measures.yearToDate.possible) so far"
    }

    func value(_ t: Condition.Test) -> Double? {
        guard let m = Measure(rawValue: t.measure) else { return nil }
        switch m {
        case .attendancePercentYear: return measures.attendancePercent
        case .attendancePercentRecent: return measures.recentPercent(weeks: t.weeks ?? 4)
        case .absenceDaysYear: return measures.absenceDays
        case .absenceDaysYearNotIllness: return measures.absenceDays - measures.illnessDays
        case .illnessDaysYear: return measures.illnessDays
        case .unauthorisedSessions10Weeks: return Double(measures.recentUnauthorised.total)
        case .unauthorisedDaysYear: return measures.unauthorisedDays
        case .unauthorisedPercentYear: return measures.unauthorisedPercent
        case .latesHalfTerm: return Double(measures.latesHalfTerm)
        case .consecutiveUnexplainedDays: return Double(measures.consecutiveUnexplainedDays)
        case .vulnerable: return measures.vulnerable ? 1 : 0
        case .causeForConcern: return measures.causeForConcern == nil ? 0 : 1
        case .notImprovedSinceReview:
            // Judged at the review: before the review date nothing is "not improved" yet.
            guard let file = caseFile, file.isOpen, let review = file.nextReview, review <= measures.asOf,
                  let improved = improvedSinceReview else { return caseFile == nil ? nil : 0 }
            return improved ? 0 : 1
        }
    }

    /// Nil when there is no review figure to compare with.
    var improvedSinceReview: Bool? {
        if review?.against == "target" { return targetMet }
        guard let last = caseFile?.lastReview?.figures else { return nil }
        let by = review?.improvedBy ?? 0
        func better(_ gain: Double) -> Bool { by > 0 ? gain >= by : gain > 0 }
        switch review?.measure ?? "attendance_percent_year" {
        case "lates_half_term":
            // Lates since the review against an equal window before it: a half-term's
            // running total only grows, so it could never show a pupil who stopped being late.
            guard let w = latesAroundReview else { return nil }
            return better(Double(w.before - w.since))
        case "unauthorised_sessions_10_weeks": return better(Double(last.unauthorisedSessions10Weeks - measures.recentUnauthorised.total))
        default:
            guard let was = last.attendancePercent, let now = measures.attendancePercent else { return nil }
            return better(now - was)
        }
    }

    /// Whether a review on attendance this year (not against a target) finds it higher than at
    /// the last review, by any amount.
    var attendanceRoseSinceReview: Bool {
        guard review?.against != "target", (review?.measure ?? Measure.attendancePercentYear.rawValue) == Measure.attendancePercentYear.rawValue,
              let was = caseFile?.lastReview?.figures.attendancePercent, let now = measures.attendancePercent else { return false }
        return now > was
    }

    /// Attendance since the plan (or this year) against the plan's target, in whole sessions.
    var sinceTarget: (figures: AttendanceFigures, percent: Double, since: SchoolDate?, fromPlan: Bool)? {
        guard let t = planTarget else { return nil }
        let from = t.since ?? Statistics.yearToDate(measures.asOf).start
        let f = measures.statistics.figures(for: measures.upn, in: DateRange(from, measures.asOf))
        return f.possible > 0 ? (f, t.percent, t.since, t.fromPlan) : nil
    }

    var targetMet: Bool? {
        sinceTarget.map { AttendanceLine.compare(attended: $0.figures.attended, possible: $0.figures.possible, threshold: $0.percent) >= 0 }
    }

    /// Late sessions after the last review up to the as-of date, and in as many school days
    /// up to and including the review day.
    var latesAroundReview: (since: Int, before: Int, days: Int)? {
        guard let on = caseFile?.lastReview?.on, on < measures.asOf else { return nil }
        let stats = measures.statistics
        let after = stats.schoolDays.openDays(in: DateRange(on.adding(days: 1), measures.asOf))
        guard !after.isEmpty else { return nil }
        var before: [SchoolDate] = []
        var day = on
        for _ in 0..<400 where before.count < after.count {
            if stats.schoolDays.isOpen(day: day) { before.append(day) }
            day = day.adding(days: -1)
        }
        guard let first = before.last else { return nil }
        let since = stats.figures(for: measures.upn, in: DateRange(on.adding(days: 1), measures.asOf)).lateSessions
        let earlier = stats.figures(for: measures.upn, in: DateRange(first, on)).lateSessions
        return (since, earlier, after.count)
    }

    /// "lates 12 this half-term (was 15 at review on 3 Nov 2025)": the review's measure now and then.
    var reviewComparison: String {
        let last = caseFile?.lastReview
        if review?.against == "target" {
            guard let t = sinceTarget else { return "no target recorded" }
            let now = PercentText.truncated(t.figures.attendancePercent ?? 0) + "%"
            let target = "target of \(PercentText.truncated(t.percent))%"
            if !t.fromPlan, let since = t.since { return "attendance \(now) since the stage began on \(since.spoken) (no meeting set a target), against the school's \(target)" }
            return t.since.map { "attendance \(now) since the plan on \($0.spoken), against its \(target)" }
                ?? "attendance \(now) this year, against the school's \(target)"
        }
        switch review?.measure ?? "attendance_percent_year" {
        case "lates_half_term":
            guard let r = last, let w = latesAroundReview else { return "\(Counted.of(measures.latesHalfTerm, "late session")) this half-term" }
            return "\(Counted.of(w.since, "late session")) since the review on \(r.on.spoken) (\(Counted.of(w.days, "school day"))), "
                + "\(w.before) in the \(Counted.of(w.days, "school day")) before it"
        case "unauthorised_sessions_10_weeks":
            return "\(Counted.of(measures.recentUnauthorised.total, "unauthorised session")) in 10 school weeks" + (last.map { " (was \($0.figures.unauthorisedSessions10Weeks) on \($0.on.spoken))" } ?? "")
        default:
            return "attendance " + (measures.attendancePercent.map { PercentText.truncated($0) + "%" } ?? "–") + wasAtReview
        }
    }

    /// Attendance percentages are compared in whole sessions (`AttendanceLine`: exactly 90%
    /// is below 90, as persistent absence is); every other measure by its value.
    func holds(_ c: Condition) -> Bool {
        c.holds(test: { t in
            switch Measure(rawValue: t.measure) {
            case .attendancePercentYear?:
                if percentRulesWait { return false }
                return Condition.matches(t, attended: measures.yearToDate.attended, possible: measures.yearToDate.possible)
            case .attendancePercentRecent?:
                guard !percentRulesWait, let f = measures.recentFigures(weeks: t.weeks ?? 4) else { return false }
                return Condition.matches(t, attended: f.attended, possible: f.possible)
            default:
                return value(t).map { Condition.matches(t, $0) } ?? false
            }
        })
    }

    /// The tests that hold, each with its number: "attendance this year 91.2% (below 97%)".
    func reasons(_ c: Condition) -> [String] {
        switch c {
        case .all(let list): return list.flatMap(reasons)
        case .any(let list): return list.filter(holds).flatMap(reasons)
        case .test(let t):
            guard holds(c), let m = Measure(rawValue: t.measure) else { return [] }
            return [describe(m, t)]
        }
    }

    func describe(_ m: Measure, _ t: Condition.Test) -> String {
        let limit: String = {
            var parts: [String] = []
            if let x = t.below { parts.append("below \(number(x, m))") }
            if let x = t.atMost { parts.append("at most \(number(x, m))") }
            if let x = t.atLeast { parts.append("at least \(number(x, m))") }
            if let x = t.above { parts.append("above \(number(x, m))") }
            return parts.joined(separator: " and ")
        }()
        let v = value(t) ?? 0
        switch m {
        case .attendancePercentYear: return "attendance \(number(v, m)) this year (\(limit))" + wasAtReview
        case .attendancePercentRecent: return "attendance \(number(v, m)) over the last \(t.weeks ?? 4) school weeks (\(limit))"
        case .absenceDaysYear: return "\(number(v, m)) day\(v == 1 ? "" : "s") absent this year (\(limit))"
        case .absenceDaysYearNotIllness: return "\(number(v, m)) day\(v == 1 ? "" : "s") absent this year other than illness (\(limit))"
        case .illnessDaysYear: return "\(number(v, m)) day\(v == 1 ? "" : "s") of illness this year (\(limit))"
        case .unauthorisedSessions10Weeks:
            let n = measures.recentUnauthorised.stillUnexplained
            return "\(Counted.of(Int(v), "unauthorised session")) in 10 school weeks (\(limit))" + (n > 0 ? ", \(n) still N" : "")
        case .unauthorisedDaysYear: return "\(number(v, m)) day\(v == 1 ? "" : "s") of unauthorised absence this year (\(limit))"
        case .unauthorisedPercentYear: return "unauthorised absence \(number(v, m)) of sessions this year (\(limit))"
        case .latesHalfTerm: return "\(Counted.of(Int(v), "late session")) this half-term (\(limit))"
        case .consecutiveUnexplainedDays: return "day \(Int(v)) of unexplained absence (\(limit))"
        case .vulnerable: return "vulnerable (CP, CIN, CLA or social worker)"
        case .causeForConcern:
            guard let e = measures.causeForConcern else { return "no cause for concern raised" }
            return "cause for concern raised on \(e.on.spoken)" + (e.byName.isEmpty ? "" : " by \(e.byName)") + (e.sensitive || e.text.isEmpty ? "" : ": \(e.text)")
        case .notImprovedSinceReview:
            let now = measures.attendancePercent.map { PercentText.truncated($0) + "%" } ?? "–"
            return "not improved since the last review: attendance \(now)" + wasAtReview
        }
    }

    /// " (was 93.0% at review on 3 Nov 2025)" when the case has a review figure.
    var wasAtReview: String {
        guard let r = caseFile?.lastReview, let was = r.figures.attendancePercent else { return "" }
        return " (was \(PercentText.truncated(was))% at review on \(r.on.spoken))"
    }

    private func number(_ x: Double, _ m: Measure) -> String {
        switch m {
        case .attendancePercentYear, .attendancePercentRecent, .unauthorisedPercentYear: return PercentText.truncated(x) + "%"
        case .absenceDaysYear, .absenceDaysYearNotIllness, .illnessDaysYear, .unauthorisedDaysYear: return x == x.rounded() ? "\(Int(x))" : PercentText.truncated(x)
        default: return "\(Int(x))"
        }
    }
}
