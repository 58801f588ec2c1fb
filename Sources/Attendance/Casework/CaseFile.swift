/// One pupil's case on one track of the graduated response.
public struct CaseFile: Hashable, Sendable, Codable {
    public var upn: String
    public var track: String
    /// The current stage id; nil once the case is closed.
    public var stage: String?
    public var openedOn: SchoolDate
    public var nextReview: SchoolDate?
    public var history: [StageChange] = []
    public var actions: [CaseAction] = []

    public init(upn: String, track: String, openedOn: SchoolDate) {
        self.upn = upn
        self.track = track
        self.openedOn = openedOn
    }

    public var isOpen: Bool { stage != nil }

    /// The figures at the last decision or review: what "improved since the last review" is
    /// measured from.
    public var lastReview: StageChange? { history.last }

    /// Open actions past their due date, of the case as it is now: an action left over from
    /// before the case was last opened (due before that) is not chased beside the new copy.
    public func overdueActions(asOf date: SchoolDate) -> [CaseAction] {
        actions.filter { $0.doneOn == nil && $0.due < date && $0.due >= openedOn }
    }
}

/// A decision on a case, as the audit trail and the head's review see it.
public struct StageChange: Hashable, Sendable, Codable {
    public enum Decision: String, Sendable, Codable, CaseIterable {
        case enter, escalate, hold, stepDown = "step_down", close, review
    }

    public var decision: Decision
    public var from: String?
    public var to: String?
    public var on: SchoolDate
    public var by: String
    public var reason: String
    /// The numbers the decision was made on.
    public var figures: CaseFigures
    /// The recommendation the engine made, when staff overrode it.
    public var recommended: String?

    public init(decision: Decision, from: String?, to: String?, on: SchoolDate, by: String, reason: String,
                figures: CaseFigures, recommended: String? = nil) {
        self.decision = decision
        self.from = from
        self.to = to
        self.on = on
        self.by = by
        self.reason = reason
        self.figures = figures
        self.recommended = recommended
    }
}

/// The figures recorded with every decision, so later reviews can say "was 93.0% on 3 Nov".
public struct CaseFigures: Hashable, Sendable, Codable {
    public var attendancePercent: Double?
    public var unauthorisedSessions10Weeks: Int
    public var latesHalfTerm: Int
    public var consecutiveUnexplainedDays: Int
    public var absenceDays: Double

    public init(attendancePercent: Double?, unauthorisedSessions10Weeks: Int, latesHalfTerm: Int,
                consecutiveUnexplainedDays: Int, absenceDays: Double) {
        self.attendancePercent = attendancePercent
        self.unauthorisedSessions10Weeks = unauthorisedSessions10Weeks
        self.latesHalfTerm = latesHalfTerm
        self.consecutiveUnexplainedDays = consecutiveUnexplainedDays
        self.absenceDays = absenceDays
    }
}

/// Something a stage calls for, with who owns it and when it is due.
public struct CaseAction: Hashable, Sendable, Codable {
    public var id: String
    public var kind: String
    public var description: String
    public var template: String?
    /// A role (`office`, `attendance`, `head`) or a login.
    public var owner: String
    public var due: SchoolDate
    public var doneOn: SchoolDate?
    public var doneBy: String?

    public init(id: String, kind: String, description: String, template: String?, owner: String, due: SchoolDate,
                doneOn: SchoolDate? = nil, doneBy: String? = nil) {
        self.id = id
        self.kind = kind
        self.description = description
        self.template = template
        self.owner = owner
        self.due = due
        self.doneOn = doneOn
        self.doneBy = doneBy
    }
}

/// A meeting with the family (attendance panel, plan meeting, review), with its minutes.
public struct Meeting: Hashable, Sendable, Codable {
    public var id: String
    public var upn: String
    public var track: String?
    public var on: SchoolDate
    public var by: String
    public var attendees: [String]
    public var goingWell: String
    public var concerns: String
    public var wellbeingGoals: String
    public var agreedActions: [String]
    /// E.g. attendance of at least 95% over the next 6 school weeks.
    public var target: AttendanceTarget?
    public var nextReview: SchoolDate?
    /// True when the meeting set up or reviewed an attendance action plan.
    public var isActionPlan: Bool
    /// Minutes marked safeguarding-sensitive: what went well, the concerns, the wellbeing
    /// goals and the agreed actions are kept where only the DSL group can read them.
    public var sensitive: Bool?
    /// The sensitive minutes are kept apart (see `ContactLogEntry.heldApart`).
    public var heldApart: Bool?

    public init(id: String = "", upn: String, track: String? = nil, on: SchoolDate, by: String = "", attendees: [String],
                goingWell: String = "", concerns: String = "", wellbeingGoals: String = "", agreedActions: [String] = [],
                target: AttendanceTarget? = nil, nextReview: SchoolDate? = nil, isActionPlan: Bool = false) {
        self.id = id
        self.upn = upn
        self.track = track
        self.on = on
        self.by = by
        self.attendees = attendees
        self.goingWell = goingWell
        self.concerns = concerns
        self.wellbeingGoals = wellbeingGoals
        self.agreedActions = agreedActions
        self.target = target
        self.nextReview = nextReview
        self.isActionPlan = isActionPlan
    }
}

extension Meeting {
    /// The meeting as `viewer` may see it: sensitive minutes keep who met, when, the target
    /// and the review, but their words only for the DSL, the head and whoever recorded them.
    public func visible(to viewer: StaffMember) -> Meeting {
        guard sensitive == true, !viewer.may(.readSafeguardingNotes), viewer.login != by || by.isEmpty else { return self }
        var m = self
        m.goingWell = ""
        m.concerns = ContactLogEntry.withheldText
        m.wellbeingGoals = ""
        m.agreedActions = []
        return m
    }
}

public struct AttendanceTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    public var percent: Double
    public var overSchoolWeeks: Int

    public init(percent: Double, overSchoolWeeks: Int) {
        self.percent = percent
        self.overSchoolWeeks = overSchoolWeeks
    }

    public var description: String { "≥ \(PercentText.truncated(percent))% over the next \(Counted.of(overSchoolWeeks, "school week"))" }
}

/// A part-time timetable (sessions coded C2): agreed with the parent, time-limited, reviewed.
public struct PartTimeTimetable: Hashable, Sendable, Codable {
    public var id: String
    public var upn: String
    public var starts: SchoolDate
    public var ends: SchoolDate
    public var reviewOn: SchoolDate
    public var parentAgreed: Bool
    public var note: String
    public var by: String

    public init(id: String = "", upn: String, starts: SchoolDate, ends: SchoolDate, reviewOn: SchoolDate,
                parentAgreed: Bool, note: String = "", by: String = "") {
        self.id = id
        self.upn = upn
        self.starts = starts
        self.ends = ends
        self.reviewOn = reviewOn
        self.parentAgreed = parentAgreed
        self.note = note
        self.by = by
    }
}

/// The ten-step scale of interventions in the seeds (Bridgewater Park, appendix 2).
public enum InterventionKind: String, CaseIterable, Sendable, Codable {
    case parentMeeting = "parent_meeting"
    case individualSupport = "individual_support"
    case earlyHelpAssessment = "early_help_assessment"
    case formalMeeting = "formal_meeting"
    case attendanceContract = "attendance_contract"
    case educationSupervisionOrder = "education_supervision_order"
    case noticeToImprove = "notice_to_improve"
    case penaltyNotice = "penalty_notice"
    case socialCare = "social_care"
    case prosecution = "prosecution"

    /// Steps 1–5 are support; 6–10 are enforcement. A penalty notice needs support first.
    public var isSupport: Bool {
        switch self {
        case .parentMeeting, .individualSupport, .earlyHelpAssessment, .formalMeeting, .attendanceContract: return true
        default: return false
        }
    }

    public var step: Int { InterventionKind.allCases.firstIndex(of: self)! + 1 }
}

public struct Intervention: Hashable, Sendable, Codable {
    public var id: String
    public var upn: String
    public var kind: InterventionKind
    public var on: SchoolDate
    public var note: String
    public var by: String

    public init(id: String = "", upn: String, kind: InterventionKind, on: SchoolDate, note: String = "", by: String = "") {
        self.id = id
        self.upn = upn
        self.kind = kind
        self.on = on
        self.note = note
        self.by = by
    }
}
