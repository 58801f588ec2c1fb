/// The DfE register codes in force from 19 August 2024, plus the pre-2024 codes that
/// real MIS exports still hold (accepted, kept as written, counted by their old meaning).
public enum AttendanceCode: String, CaseIterable, Hashable, Sendable, Codable {
    // Attending the school
    case presentAM = "/", presentPM = "\\", lateBeforeClose = "L"
    // Attending a place other than the school
    case localAuthorityProvision = "K", educationalVisit = "V", sportingActivity = "P"
    case workExperience = "W", approvedActivity = "B", dualRegistered = "D"
    // Leave of absence
    case performanceAbroad = "C1", medical = "M", interview = "J1", studyLeave = "S"
    case notCompulsoryAge = "X", partTimeTimetable = "C2", exceptionalCircumstances = "C"
    // Other authorised
    case travellingForOccupation = "T", religiousObservance = "R", illness = "I", excluded = "E"
    // Unable to attend
    case noAccessArrangements = "Q"
    case transportNotProvided = "Y1", travelDisruption = "Y2", partOfPremisesClosed = "Y3"
    case siteClosedUnexpectedly = "Y4", criminalJusticeDetention = "Y5", publicHealth = "Y6"
    case otherUnavoidable = "Y7"
    // Unauthorised
    case holidayNotGranted = "G", reasonNotYetEstablished = "N", unknownReason = "O"
    case lateAfterClose = "U"
    // Administrative
    case notYetOnRoll = "Z", plannedClosure = "#"
    // Pre-2024 codes seen in old exports
    case legacyAgreedHoliday = "H", legacyExtendedHoliday = "F", legacyInterview = "J"
    case legacyUnableToAttend = "Y"

    /// How a mark counts towards the DfE measures.
    public enum Counting: String, Sendable, Codable {
        case attended
        case authorisedAbsence = "authorised absence"
        case unauthorisedAbsence = "unauthorised absence"
        case notPossible = "not a possible session"

        public var isPossible: Bool { self != .notPossible }
        public var isAbsence: Bool { self == .authorisedAbsence || self == .unauthorisedAbsence }
    }

    /// The DfE grouping, for code pickers and reports.
    public enum Category: String, CaseIterable, Sendable, Codable {
        case attendingSchool = "Attending the school"
        case attendingElsewhere = "Attending a place other than the school"
        case leaveOfAbsence = "Leave of absence"
        case otherAuthorised = "Other authorised absence"
        case unableToAttend = "Unable to attend (exceptional circumstances)"
        case unauthorised = "Unauthorised absence"
        case administrative = "Administrative"
        case legacy = "Pre-2024 code"
    }

    public var symbol: String { rawValue }

    public var counting: Counting {
        switch self {
        case .presentAM, .presentPM, .lateBeforeClose,
             .localAuthorityProvision, .educationalVisit, .sportingActivity,
             .workExperience, .approvedActivity, .legacyInterview:
            return .attended
        case .performanceAbroad, .medical, .interview, .studyLeave, .partTimeTimetable,
             .exceptionalCircumstances, .travellingForOccupation, .religiousObservance,
             .illness, .excluded, .legacyAgreedHoliday, .legacyExtendedHoliday:
            return .authorisedAbsence
        case .holidayNotGranted, .reasonNotYetEstablished, .unknownReason, .lateAfterClose:
            return .unauthorisedAbsence
        case .dualRegistered, .notCompulsoryAge, .noAccessArrangements,
             .transportNotProvided, .travelDisruption, .partOfPremisesClosed,
             .siteClosedUnexpectedly, .criminalJusticeDetention, .publicHealth,
             .otherUnavoidable, .notYetOnRoll, .plannedClosure, .legacyUnableToAttend:
            return .notPossible
        }
    }

    public var category: Category {
        switch self {
        case .presentAM, .presentPM, .lateBeforeClose: return .attendingSchool
        case .localAuthorityProvision, .educationalVisit, .sportingActivity, .workExperience,
             .approvedActivity, .dualRegistered: return .attendingElsewhere
        case .performanceAbroad, .medical, .interview, .studyLeave, .notCompulsoryAge,
             .partTimeTimetable, .exceptionalCircumstances: return .leaveOfAbsence
        case .travellingForOccupation, .religiousObservance, .illness, .excluded: return .otherAuthorised
        case .noAccessArrangements, .transportNotProvided, .travelDisruption, .partOfPremisesClosed,
             .siteClosedUnexpectedly, .criminalJusticeDetention, .publicHealth, .otherUnavoidable:
            return .unableToAttend
        case .holidayNotGranted, .reasonNotYetEstablished, .unknownReason, .lateAfterClose:
            return .unauthorised
        case .notYetOnRoll, .plannedClosure: return .administrative
        case .legacyAgreedHoliday, .legacyExtendedHoliday, .legacyInterview, .legacyUnableToAttend:
            return .legacy
        }
    }

    public var meaning: String {
        switch self {
        case .presentAM: return "Present (morning)"
        case .presentPM: return "Present (afternoon)"
        case .lateBeforeClose: return "Late, arrived before the register closed"
        case .localAuthorityProvision: return "Attending education provision arranged by the local authority"
        case .educationalVisit: return "Attending an educational visit or trip"
        case .sportingActivity: return "Participating in an approved sporting activity"
        case .workExperience: return "Attending work experience"
        case .approvedActivity: return "Attending any other approved educational activity"
        case .dualRegistered: return "Dual registered, attending another school"
        case .performanceAbroad: return "Leave: regulated performance or employment abroad"
        case .medical: return "Leave: medical or dental appointment"
        case .interview: return "Leave: interview for employment or another educational institution"
        case .studyLeave: return "Leave: study leave for a public examination"
        case .notCompulsoryAge: return "Non-compulsory school age, not required to attend"
        case .partTimeTimetable: return "Leave: part-time timetable"
        case .exceptionalCircumstances: return "Leave: exceptional circumstances"
        case .travellingForOccupation: return "Parent travelling for occupational purposes"
        case .religiousObservance: return "Religious observance"
        case .illness: return "Illness (not medical or dental appointment)"
        case .excluded: return "Suspended or permanently excluded, no alternative provision"
        case .noAccessArrangements: return "Unable to attend: no access arrangements provided"
        case .transportNotProvided: return "Unable to attend: transport not provided"
        case .travelDisruption: return "Unable to attend: widespread travel disruption"
        case .partOfPremisesClosed: return "Unable to attend: part of the school premises closed"
        case .siteClosedUnexpectedly: return "Unable to attend: whole school site closed unexpectedly"
        case .criminalJusticeDetention: return "Unable to attend: in criminal justice detention"
        case .publicHealth: return "Unable to attend: public health guidance or law"
        case .otherUnavoidable: return "Unable to attend: other unavoidable cause"
        case .holidayNotGranted: return "Holiday not granted by the school"
        case .reasonNotYetEstablished: return "Reason for absence not yet established"
        case .unknownReason: return "Absent in other or unknown circumstances"
        case .lateAfterClose: return "Arrived after the register closed"
        case .notYetOnRoll: return "Prospective pupil, not yet on the admission register"
        case .plannedClosure: return "Planned whole-school closure"
        case .legacyAgreedHoliday: return "Agreed holiday (pre-2024 code H; withdrawn)"
        case .legacyExtendedHoliday: return "Extended agreed holiday (pre-2013 code F)"
        case .legacyInterview: return "Interview (pre-2024 code J; counted as attended)"
        case .legacyUnableToAttend: return "Unable to attend, exceptional circumstances (pre-2024 code Y)"
        }
    }

    public var isLegacy: Bool { category == .legacy }

    /// The 2024 code closest in meaning, for display beside a legacy mark. The mark keeps
    /// its own code and counting: `J` stays attended although `J1` is a leave of absence.
    public var nearestCurrentCode: AttendanceCode {
        switch self {
        case .legacyAgreedHoliday, .legacyExtendedHoliday: return .exceptionalCircumstances
        case .legacyInterview: return .approvedActivity
        case .legacyUnableToAttend: return .otherUnavoidable
        default: return self
        }
    }

    /// Parses a code as typed or exported: case-insensitive letters, surrounding spaces ignored.
    public init?(parsing text: String) {
        let t = text.trimmingSpaces().uppercased()
        guard let code = AttendanceCode(rawValue: t) else { return nil }
        self = code
    }

    /// The codes a member of staff may choose from today (legacy codes only arrive by import).
    public static var current: [AttendanceCode] { allCases.filter { !$0.isLegacy } }

    /// Codes whose absence has no reason yet, or none accepted: the calling list and the
    /// "unexplained absence" ladder count these.
    public var isUnexplained: Bool { self == .reasonNotYetEstablished || self == .unknownReason }
}

// MARK: - Compact form

extension AttendanceCode {
    /// One byte per register slot in memory: 0 is "no mark", otherwise the case index + 1.
    public var byte: UInt8 { AttendanceCode.byteTable[self]! }

    public init?(byte: UInt8) {
        guard byte > 0, Int(byte) <= AttendanceCode.allCases.count else { return nil }
        self = AttendanceCode.allCases[Int(byte) - 1]
    }

    private static let byteTable: [AttendanceCode: UInt8] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($0.element, UInt8($0.offset + 1)) })

    /// Counting by byte, for scans over hundreds of thousands of marks.
    static let countingByByte: [Counting?] = [nil] + allCases.map(\.counting)

    /// One ASCII character per code in the store's mark strings (`docs/store-format.md`).
    /// `\` would need escaping in JSON, so present-PM is `|`; two-character codes get one letter.
    public var storageCharacter: Character {
        switch self {
        case .presentPM: return "|"
        case .performanceAbroad: return "c"
        case .interview: return "j"
        case .partTimeTimetable: return "t"
        case .transportNotProvided: return "1"
        case .travelDisruption: return "2"
        case .partOfPremisesClosed: return "3"
        case .siteClosedUnexpectedly: return "4"
        case .criminalJusticeDetention: return "5"
        case .publicHealth: return "6"
        case .otherUnavoidable: return "7"
        default: return Character(rawValue)
        }
    }

    public static let noMarkStorageCharacter: Character = "."

    public init?(storageCharacter: Character) {
        guard let code = AttendanceCode.byStorageCharacter[storageCharacter] else { return nil }
        self = code
    }

    private static let byStorageCharacter: [Character: AttendanceCode] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.storageCharacter, $0) })
}
