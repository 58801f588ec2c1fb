/// A pupil on the school's roll, as the registers and casework need them.
public struct Pupil: Hashable, Sendable, Codable, Identifiable {
    /// Unique Pupil Number: the key every import, mark and case uses.
    public var upn: String
    public var legalSurname: String
    public var legalForename: String
    /// The name staff use day to day; nil means the legal forename.
    public var preferredName: String?
    public var dateOfBirth: SchoolDate
    public var yearGroup: YearGroup
    public var registrationGroup: String
    public var flags: VulnerabilityFlags
    /// In priority order: the first contact is called first.
    public var contacts: [Contact]
    /// The day the pupil leaves (or left) the school, once known; nil while staying.
    public var leavingOn: SchoolDate?
    /// Where the pupil goes next (school, area or home education); nil or empty: not known,
    /// which is a duty to the LA (children missing education).
    public var destination: String?

    public var id: String { upn }

    public init(upn: String, legalSurname: String, legalForename: String, preferredName: String? = nil,
                dateOfBirth: SchoolDate, yearGroup: YearGroup, registrationGroup: String,
                flags: VulnerabilityFlags = VulnerabilityFlags(), contacts: [Contact] = [],
                leavingOn: SchoolDate? = nil, destination: String? = nil) {
        self.upn = upn
        self.legalSurname = legalSurname
        self.legalForename = legalForename
        self.preferredName = preferredName
        self.dateOfBirth = dateOfBirth
        self.yearGroup = yearGroup
        self.registrationGroup = registrationGroup
        self.flags = flags
        self.contacts = contacts
        self.leavingOn = leavingOn
        self.destination = destination
    }

    public var knownAs: String { preferredName ?? legalForename }
    /// "Surname, Known-as": how registers list pupils.
    public var listName: String { "\(legalSurname), \(knownAs)" }
    public var fullName: String { "\(knownAs) \(legalSurname)" }

    /// Age in whole years on a date.
    public func age(on date: SchoolDate) -> Int {
        let b = dateOfBirth.components, d = date.components
        var age = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { age -= 1 }
        return age
    }

    /// The prescribed day compulsory school age starts: the first 31 Dec, 31 Mar or 31 Aug on
    /// or after the 5th birthday.
    public var compulsorySchoolAgeStarts: SchoolDate {
        let b = dateOfBirth.components
        let fifth = SchoolDate(year: b.year + 5, month: b.month, day: min(b.day, SchoolDate.daysInMonth(year: b.year + 5, month: b.month)))!
        return [(fifth.year, 3, 31), (fifth.year, 8, 31), (fifth.year, 12, 31), (fifth.year + 1, 3, 31)]
            .map { SchoolDate(year: $0.0, month: $0.1, day: $0.2)! }
            .first { $0 >= fifth }!
    }

    /// Compulsory school age starts on the first 31 Dec, 31 Mar or 31 Aug on or after the
    /// 5th birthday (the "prescribed days") and ends on the last Friday in June of the school year the
    /// child turns 16. Penalty notices apply only within it.
    public func isOfCompulsorySchoolAge(on date: SchoolDate) -> Bool {
        let b = dateOfBirth.components
        let prescribed = compulsorySchoolAgeStarts
        let sixteenth = SchoolDate(year: b.year + 16, month: b.month, day: min(b.day, SchoolDate.daysInMonth(year: b.year + 16, month: b.month)))!
        let yearOfSixteen = AcademicYear(containing: sixteenth)
        var leaving = SchoolDate(year: yearOfSixteen.startYear + 1, month: 6, day: 30)!
        while leaving.weekday != .friday { leaving = leaving.adding(days: -1) }
        // The academic year of the 16th birthday ends with the leaving date; a July or August
        // birthday falls in the year whose June has just passed, which the law also intends.
        return date >= prescribed && date <= leaving
    }
}

/// Nursery is -1, Reception 0, then Years 1–13. Shown as "N", "R", "Y7".
public struct YearGroup: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public static let nursery = YearGroup(-1)
    public static let reception = YearGroup(0)

    /// Accepts "R", "Reception", "YR", "N", "Nursery", "7", "Y7", "Year 7".
    public init?(parsing text: String) {
        // The stored forms ("R", "N", "Y7") first: thousands of them are read at open.
        let u = Array(text.utf8)
        if u == [82] { self = .reception; return }
        if u == [78] { self = .nursery; return }
        if (2...3).contains(u.count), u[0] == 89, u.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }),
           let n = Int(String(decoding: u.dropFirst(), as: UTF8.self)), (1...14).contains(n) {
            self.init(n)
            return
        }
        let t = text.trimmingSpaces().uppercased().replacingSpaces()
        switch t {
        case "R", "REC", "RECEPTION", "YR", "YEARR", "FS2", "F2": self = .reception
        case "N", "NUR", "NURSERY", "N1", "N2", "FS1", "F1": self = .nursery
        default:
            var digits = Substring(t)
            if digits.hasPrefix("YEAR") { digits = digits.dropFirst(4) }
            else if digits.hasPrefix("Y") { digits = digits.dropFirst() }
            guard let n = Int(digits), (1...14).contains(n) else { return nil }
            self.init(n)
        }
    }

    public var description: String {
        switch value {
        case ..<0: return "N"
        case 0: return "R"
        default: return "Y\(value)"
        }
    }

    public static func < (a: YearGroup, b: YearGroup) -> Bool { a.value < b.value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let y = YearGroup(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a year group: \(text)")
        }
        self = y
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The groups DfE and Ofsted ask schools to watch; each is a cohort in reports.
public struct VulnerabilityFlags: Hashable, Sendable, Codable {
    public var senSupport = false
    public var ehcp = false
    public var pupilPremium = false
    public var freeSchoolMeals = false
    public var childInNeed = false
    public var childProtection = false
    public var lookedAfter = false
    public var englishAdditionalLanguage = false
    public var youngCarer = false
    public var hasSocialWorker = false

    public init() {}

    /// The pupils whose absence is a safeguarding priority: called and visited first.
    public var isSafeguardingPriority: Bool { childProtection || childInNeed || lookedAfter || hasSocialWorker }

    public enum Flag: String, CaseIterable, Sendable, Codable {
        case senSupport = "SEN support", ehcp = "EHCP", pupilPremium = "Pupil premium"
        case freeSchoolMeals = "FSM", childInNeed = "CIN", childProtection = "CP"
        case lookedAfter = "CLA", englishAdditionalLanguage = "EAL", youngCarer = "Young carer"
        case hasSocialWorker = "Social worker"

        var keyPath: WritableKeyPath<VulnerabilityFlags, Bool> {
            switch self {
            case .senSupport: return \.senSupport
            case .ehcp: return \.ehcp
            case .pupilPremium: return \.pupilPremium
            case .freeSchoolMeals: return \.freeSchoolMeals
            case .childInNeed: return \.childInNeed
            case .childProtection: return \.childProtection
            case .lookedAfter: return \.lookedAfter
            case .englishAdditionalLanguage: return \.englishAdditionalLanguage
            case .youngCarer: return \.youngCarer
            case .hasSocialWorker: return \.hasSocialWorker
            }
        }
    }

    public subscript(flag: Flag) -> Bool {
        get { self[keyPath: flag.keyPath] }
        set { self[keyPath: flag.keyPath] = newValue }
    }

    public var set: [Flag] { Flag.allCases.filter { self[$0] } }
}

/// Someone the school may call about a pupil.
public struct Contact: Hashable, Sendable, Codable {
    public var name: String
    public var relationship: String
    public var phones: [String]
    public var parentalResponsibility: Bool
    public var livesWithPupil: Bool
    /// The postal address letters go to, lines separated by commas or new lines; nil: not known.
    public var address: String?

    public init(name: String, relationship: String, phones: [String],
                parentalResponsibility: Bool = false, livesWithPupil: Bool = false, address: String? = nil) {
        self.name = name
        self.relationship = relationship
        self.phones = phones
        self.parentalResponsibility = parentalResponsibility
        self.livesWithPupil = livesWithPupil
        self.address = address
    }

    /// The address as the lines of an envelope window.
    public var addressLines: [String] {
        guard let address else { return [] }
        return address.split(whereSeparator: { $0 == "," || $0 == "\n" }).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

extension String {
    func replacingSpaces() -> String { String(filter { !$0.isWhitespace }) }
}
