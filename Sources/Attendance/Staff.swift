/// A member of staff who may use Rollcall, identified by their OS login.
public struct StaffMember: Hashable, Sendable, Codable {
    public var login: String
    public var name: String
    public var role: StaffRole
    /// Designated safeguarding lead (or deputy): may read safeguarding-sensitive notes.
    public var isDSL: Bool

    public init(login: String, name: String, role: StaffRole, isDSL: Bool = false) {
        self.login = login
        self.name = name
        self.role = role
        self.isDSL = isDSL
    }

    public func may(_ permission: Permission) -> Bool {
        if permission == .readSafeguardingNotes { return isDSL || role == .head }
        return role.permissions.contains(permission)
    }

    /// "Jane Smith (office)": how the audit trail names who did something.
    public var signature: String { "\(name) (\(role.rawValue)\(isDSL ? ", DSL" : ""))" }
}

public enum StaffRole: String, CaseIterable, Sendable, Codable {
    /// School office: registers, calls, letters.
    case office
    /// Family support / attendance worker: also cases and plans.
    case attendance
    /// Head teacher: everything, including decisions, penalty notices, policy and staff.
    case head
    /// A trust's (or federation's, or LA team's) lead: sees the school's figures and counts in
    /// `rollcall trust`, changes nothing, and reads no pupil's name (see `mayReadPupilNames`).
    case trustLead = "trust-lead"

    var permissions: Set<Permission> {
        switch self {
        case .office: return StaffRole.officePermissions
        case .attendance: return StaffRole.attendancePermissions
        case .head: return StaffRole.headPermissions
        case .trustLead: return []
        }
    }

    /// Whether this role may see pupils' names and records: every role on the school's own
    /// staff; a trust lead sees the school's figures only.
    public var mayReadPupilNames: Bool { self != .trustLead }

    // Built once: every change is checked against them (600,000 marks in a year's import).
    private static let officePermissions: Set<Permission> = [.recordMarks, .amendMarks, .logContact, .sendLetters, .importData, .editCalendar]
    // Deciding a case is one permission, checked by the store for `rollcall case …` and the
    // panel alike: the family support worker moves cases on the ladder as the head does.
    private static let attendancePermissions = officePermissions.union([.workCases, .recordMeetings, .decideAtPanel])
    private static let headPermissions = Set(Permission.allCases)
}

/// What a change needs. Checked in the domain, so no front end can bypass it.
public enum Permission: String, CaseIterable, Sendable {
    case recordMarks = "record marks"
    case amendMarks = "amend marks"
    case logContact = "log contact with families"
    case sendLetters = "send letters"
    case importData = "import pupils and marks"
    case editCalendar = "change the school calendar"
    case workCases = "change case stages and actions"
    case recordMeetings = "record meetings and plans"
    case requestPenaltyNotices = "request penalty notices"
    case changePolicy = "change the attendance policy"
    case manageStaff = "manage staff"
    case changeSettings = "change the school settings"
    case readSafeguardingNotes = "read safeguarding-sensitive notes"
    /// Deciding a case (confirming or overriding what the policy recommends), at the panel or
    /// with `rollcall case advance|hold|step-down|review|close`.
    case decideAtPanel = "decide at the attendance panel"
}
