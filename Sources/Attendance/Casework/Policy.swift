/// A school's graduated response, as data: which stages a pupil moves through on each track
/// (attendance, punctuality, unexplained absence …), what each stage calls for, and when it
/// is reviewed. Schools differ, so this is read from `Data/policies/*.json`, never coded.
public struct Policy: Hashable, Sendable, Codable {
    public var schemaVersion: Int
    public var id: String
    public var name: String
    /// Where the policy comes from, and any reading of it the file had to make.
    public var source: String?
    public var notes: [String]?
    /// The school's attendance target, in percent (e.g. 97).
    public var targetPercent: Double?
    /// Colour bands, highest first: a pupil is in the first band whose `atLeast` they reach.
    public var bands: [Band]
    /// How often the attendance panel meets, in weeks (for the head's caseload screen).
    public var panelEveryWeeks: Int?
    public var tracks: [Track]
    /// How many possible sessions a pupil must have had this year before attendance-percentage
    /// rules (`attendance_percent_year`, `attendance_percent_recent`) apply: early in the
    /// year one day off is "below 90%". Omitted: 40 (20 school days).
    public var minimumPossibleSessions: Int?

    /// After a case closes at a review (attendance improved), the school weeks before a new
    /// case may open on that track; and then only once attendance falls below the figure it
    /// closed on. Omitted: 4. So no family hears "improved" and "below our target" in one week.
    public var reopenAfterWeeks: Int?
    /// Attendance this year below which the LA's support team is told of a pupil (a
    /// `below_policy_line` duty), where the school's policy draws a line above the
    /// severe-absence one (every SA pupil is told of anyway). Omitted: none.
    public var laReferralBelowPercent: Double?

    /// A letter sent once each half-term to pupils whose attendance this year is in a range
    /// (Bridgewater's Appendix 9 "at risk" letter for 90.1–95.9%). Omitted: none.
    public var halfTermlyLetter: HalfTermlyLetter?

    public struct HalfTermlyLetter: Hashable, Sendable, Codable {
        public var template: String
        /// Attendance at least this (compared in whole sessions, as bands are).
        public var atLeast: Double
        /// And below this.
        public var below: Double
    }

    public static let defaultMinimumPossibleSessions = 40
    public static let defaultReopenAfterWeeks = 4
    /// `minimumPossibleSessions`, or the default of 40 sessions (20 school days).
    public var percentRulesFromSessions: Int { minimumPossibleSessions ?? Self.defaultMinimumPossibleSessions }

    public struct Band: Hashable, Sendable, Codable {
        public var name: String
        public var atLeast: Double
        public var letter: String?
    }

    public struct Track: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var stages: [Stage]
        /// Only pupils in these year groups follow this track (e.g. `["N"]` for a nursery
        /// ladder). Omitted: every pupil.
        public var yearGroups: [String]?
        /// The track this one takes the place of for its pupils (a nursery ladder replaces
        /// `attendance` for nursery pupils).
        public var replaces: String?

        /// Whether a pupil in this year group follows the track (`yearGroups`).
        public func applies(to year: YearGroup?) -> Bool {
            guard let groups = yearGroups else { return true }
            guard let year else { return false }
            return groups.contains { YearGroup(parsing: $0) == year }
        }
    }

    /// The tracks a pupil in this year group follows: those that apply, less any that an
    /// applying track replaces.
    public func tracks(for year: YearGroup?) -> [Track] {
        let applying = tracks.filter { $0.applies(to: year) }
        let replaced = Set(applying.compactMap(\.replaces))
        return applying.filter { !replaced.contains($0.id) }
    }

    public struct Stage: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        /// When a pupil should be at (at least) this stage. Nil: only reached by escalation
        /// from the stage before, at its review.
        public var entry: Condition?
        public var actions: [Action]
        public var reviewAfterWeeks: Int?
        public var atReview: Review?
        /// Close the case whenever this holds (e.g. the child is back: no unexplained days).
        public var closeWhen: Condition?
        /// For vulnerable pupils (CP, CIN, CLA, social worker) these actions come too.
        public var vulnerableActions: [Action]?
        /// A pupil with no case may start here when its rule holds. Omitted or false: a case
        /// starts at the track's first stage and reaches this one by escalation, so no family
        /// gets a letter that presumes steps they never had. The first stage always may.
        public var enterDirectly: Bool?
        /// A case may start at (or jump to) this stage whenever this holds, whatever the other
        /// stages say: e.g. Bridgewater's Step 4 "or cause for concern", a concern staff raise
        /// about a pupil whose figures alone would put them nowhere near it.
        public var enterDirectlyWhen: Condition?
        /// The actions when a case arrives here directly (no case before, or skipping stages),
        /// in place of `actions`: letters for a family hearing from the school for the first
        /// time. Omitted: `actions`.
        public var directEntryActions: [Action]?
        /// A warning or penalty stage (a letter that warns of a penalty notice or the LA's
        /// statutory powers, or a penalty notice). A notice answers only unauthorised
        /// absence, so the engine never points a pupil with no unauthorised session in the
        /// last 10 school weeks at such a stage, whatever its entry rule says. Omitted: true
        /// for a stage with a `penalty_notice` action, false otherwise.
        public var enforcement: Bool?

        /// Whether this is a warning or penalty stage (`enforcement`).
        public var isEnforcement: Bool { enforcement ?? actions.contains { $0.kind == "penalty_notice" } }

        /// Whether a case may start at or jump to this stage, under these rules.
        func mayBeEnteredDirectly(_ holds: (Condition) -> Bool) -> Bool {
            enterDirectly == true || enterDirectlyWhen.map(holds) == true
        }
    }

    public struct Action: Hashable, Sendable, Codable {
        /// `letter`, `meeting`, `call`, `home_visit`, `referral`, `monitor`, `penalty_notice`, `plan`, `report_to_la`, `other`
        public var kind: String
        public var description: String
        /// Letter template id, for `letter` actions.
        public var template: String?
        /// Who should be there, for meetings.
        public var with: String?
        /// The role responsible: `office`, `attendance` or `head`.
        public var owner: String
        /// Days after the stage is entered by which it is due.
        public var dueWithinDays: Int
        /// Whether doing it is support offered to improve attendance (what a penalty notice
        /// needs first). Omitted: meetings and plans are, everything else (letters, calls,
        /// home visits, safeguarding referrals, reports to the LA) is not; a referral to
        /// services such as early help says `"support": true`.
        public var support: Bool?
        /// Only when this holds at the decision (e.g. Bridgewater's panel invitation for
        /// attendance below 90%, its Letter 2 otherwise). Omitted: always.
        public var when: Condition?

        public var isSupport: Bool { support ?? ["meeting", "plan"].contains(kind) }
    }

    public struct Review: Hashable, Sendable, Codable {
        /// What "improved" is judged on: `attendance_percent_year` (the default; higher is
        /// better), `lates_half_term` or `unauthorised_sessions_10_weeks` (lower is better).
        public var measure: String?
        /// How much better than at the last review counts as improved (percentage points, or
        /// sessions); 0 means any improvement.
        public var improvedBy: Double
        /// `close`, `step_down` or `hold`.
        public var ifImproved: String
        /// `escalate` (to the next stage) or `hold`.
        public var ifNotImproved: String
        /// Letter to send when improved (e.g. a positive letter).
        public var improvedLetter: String?
        /// `"target"`: improved means the plan's target was met: attendance since the latest
        /// meeting that set a target on this pupil reaches its percentage (without one, the
        /// policy's `targetPercent` this year), not that the figure rose at all.
        /// Omitted: better than at the last review by `improvedBy`.
        public var against: String?
    }

    public func track(_ id: String) -> Track? { tracks.first { $0.id == id } }

    /// The band for a percentage; exactly on the PA or SA line is below it (`AttendanceLine`).
    public func band(for percent: Double) -> Band? {
        bands.first { percent > $0.atLeast || (percent == $0.atLeast && !AttendanceLine.isAbsenceLine($0.atLeast)) }
    }

    /// The band for whole sessions, compared without rounding: `attended / possible ≥ atLeast%`,
    /// except that exactly on the PA or SA line is below it (`AttendanceLine`).
    public func band(forAttended attended: Int, possible: Int) -> Band? {
        guard possible > 0 else { return nil }
        return bands.first { AttendanceLine.compare(attended: attended, possible: possible, threshold: $0.atLeast) >= 0 }
    }
}

/// An entry or close rule: a test on one measure, or all/any of several.
public indirect enum Condition: Hashable, Sendable, Codable {
    case test(Test)
    case all([Condition])
    case any([Condition])

    public struct Test: Hashable, Sendable, Codable {
        /// One of `Measure`'s raw values.
        public var measure: String
        /// For `attendance_percent_recent`: how many school weeks back.
        public var weeks: Int?
        public var below: Double?
        public var atMost: Double?
        public var atLeast: Double?
        public var above: Double?
        /// For yes/no measures (`not_improved_since_review`, `vulnerable`).
        public var equals: Bool?

        public init(measure: String, weeks: Int? = nil, below: Double? = nil, atMost: Double? = nil,
                    atLeast: Double? = nil, above: Double? = nil, equals: Bool? = nil) {
            self.measure = measure
            self.weeks = weeks
            self.below = below
            self.atMost = atMost
            self.atLeast = atLeast
            self.above = above
            self.equals = equals
        }
    }

    /// Whether `value` passes a test's comparisons (or, for yes/no measures, `equals`).
    static func matches(_ t: Test, _ value: Double) -> Bool {
        if let e = t.equals { return (value == 1) == e }
        if let x = t.below, !(value < x) { return false }
        if let x = t.atMost, !(value <= x) { return false }
        if let x = t.atLeast, !(value >= x) { return false }
        if let x = t.above, !(value > x) { return false }
        return true
    }

    /// Whether attendance of `attended` out of `possible` sessions passes a test on an
    /// attendance percentage, compared exactly (`AttendanceLine`).
    static func matches(_ t: Test, attended: Int, possible: Int) -> Bool {
        guard possible > 0 else { return false }
        func side(_ x: Double) -> Int { AttendanceLine.compare(attended: attended, possible: possible, threshold: x) }
        if let x = t.below, !(side(x) < 0) { return false }
        if let x = t.atMost, !(side(x) <= 0) { return false }
        if let x = t.atLeast, !(side(x) >= 0) { return false }
        if let x = t.above, !(side(x) > 0) { return false }
        return true
    }

    /// Whether any test is on an attendance percentage (year or recent weeks).
    var testsAttendancePercent: Bool {
        switch self {
        case .test(let t): return [Measure.attendancePercentYear.rawValue, Measure.attendancePercentRecent.rawValue].contains(t.measure)
        case .all(let list), .any(let list): return list.contains { $0.testsAttendancePercent }
        }
    }

    /// Evaluates the rule with `value` giving each test's measure (nil: the test fails).
    func holds(_ value: (Test) -> Double?) -> Bool {
        holds(test: { t in value(t).map { Condition.matches(t, $0) } ?? false })
    }

    /// Evaluates the rule with `test` deciding each test.
    func holds(test: (Test) -> Bool) -> Bool {
        switch self {
        case .all(let list): return list.allSatisfy { $0.holds(test: test) }
        case .any(let list): return list.contains { $0.holds(test: test) }
        case .test(let t): return test(t)
        }
    }

    enum Key: String, CodingKey { case all, any }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if c.contains(.all) { self = .all(try c.decode([Condition].self, forKey: .all)) }
        else if c.contains(.any) { self = .any(try c.decode([Condition].self, forKey: .any)) }
        else { self = .test(try Test(from: decoder)) }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .test(let t): try t.encode(to: encoder)
        case .all(let list):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(list, forKey: .all)
        case .any(let list):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(list, forKey: .any)
        }
    }
}

/// What entry and close rules can test, each worked out as of a date.
public enum Measure: String, CaseIterable, Sendable {
    /// Attendance %, 1 September to the as-of date.
    case attendancePercentYear = "attendance_percent_year"
    /// Attendance % over the last `weeks` school weeks.
    case attendancePercentRecent = "attendance_percent_recent"
    /// Days of absence this academic year (absent sessions ÷ 2).
    case absenceDaysYear = "absence_days_year"
    /// Days of absence this year other than illness (`I`): what a days-based ladder's
    /// enforcement stages count, since illness is not an enforcement route.
    case absenceDaysYearNotIllness = "absence_days_year_not_illness"
    /// Days of illness (`I`) this year, consecutive or not (continuity of education).
    case illnessDaysYear = "illness_days_year"
    /// Unauthorised sessions (G N O U) in the rolling 10 school weeks.
    case unauthorisedSessions10Weeks = "unauthorised_sessions_10_weeks"
    /// Days of unauthorised absence (G N O U) this academic year (sessions ÷ 2): what a
    /// days-based ladder's warning stages count. Never leave the school granted, C2, E or illness.
    case unauthorisedDaysYear = "unauthorised_days_year"
    /// Unauthorised sessions as a percentage of possible sessions this academic year.
    case unauthorisedPercentYear = "unauthorised_percent_year"
    /// Late sessions (L + U) this half-term.
    case latesHalfTerm = "lates_half_term"
    /// School days in a row on which every possible session was N or O.
    case consecutiveUnexplainedDays = "consecutive_unexplained_days"
    /// True when the track's open case has reached its review date and attendance has not
    /// risen past the figure at the last review by the stage's `improvedBy`.
    case notImprovedSinceReview = "not_improved_since_review"
    /// CP, CIN, CLA or a social worker.
    case vulnerable = "vulnerable"
    /// A member of staff has raised a cause for concern (a note marked so) this year, not lifted.
    case causeForConcern = "cause_for_concern"

    public var isYesNo: Bool { self == .notImprovedSinceReview || self == .vulnerable || self == .causeForConcern }

    /// The values the measure can take, to tell a rule that can never hold.
    var range: ClosedRange<Double> {
        switch self {
        case .attendancePercentYear, .attendancePercentRecent: return 0...100
        case .absenceDaysYear, .absenceDaysYearNotIllness, .illnessDaysYear, .consecutiveUnexplainedDays: return 0...366
        case .unauthorisedSessions10Weeks: return 0...100
        case .unauthorisedDaysYear: return 0...366
        case .unauthorisedPercentYear: return 0...100
        case .latesHalfTerm: return 0...200
        case .notImprovedSinceReview, .vulnerable, .causeForConcern: return 0...1
        }
    }
}

/// Attendance thresholds compared exactly, in whole sessions. At the persistent-absence line
/// (90%) and the severe-absence line (50%), a pupil exactly on the line is persistently
/// (severely) absent, as `stats` counts them (`10 × absent ≥ possible`, `2 × absent ≥
/// possible`), so for a band or a rule the line itself counts as below it.
public enum AttendanceLine {
    public static let persistentAbsence = 90.0
    public static let severeAbsence = 50.0

    public static func isAbsenceLine(_ threshold: Double) -> Bool { threshold == persistentAbsence || threshold == severeAbsence }

    /// -1 below the threshold %, 0 exactly on it, 1 above; never 0 on the PA or SA line.
    public static func compare(attended: Int, possible: Int, threshold: Double) -> Int {
        // attended / possible against threshold / 100, in thousandths of a percent.
        let lhs = attended * 100_000
        let rhs = Int((threshold * 1000).rounded()) * possible
        if lhs == rhs { return isAbsenceLine(threshold) ? -1 : 0 }
        return lhs < rhs ? -1 : 1
    }
}
