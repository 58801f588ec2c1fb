/// A penalty notice asked of the local authority for one parent, about one child.
public struct PenaltyNoticeRequest: Hashable, Sendable, Codable {
    public var id: String
    public var upn: String
    /// The parent (a contact with parental responsibility) it is for.
    public var parent: String
    public var on: SchoolDate
    public var by: String
    /// Pounds: £80 (within 21 days; £160 within 28) for a first notice in 3 years, £160 for a second.
    public var amount: Int
    public var amountIfLate: Int
    public var unauthorisedSessions: Int
    public var reason: String
    /// The head's reason why support first would not be appropriate (a term-time holiday):
    /// the other route to a notice. Nil: support was offered first.
    public var supportNotAppropriate: String?
    /// True for a notice issued outside Rollcall (before it, or by another school), recorded
    /// so that the limit and the amount of the next one are right.
    public var recordedAfterwards: Bool?
    /// The school that issued a notice recorded afterwards, if not this one.
    public var issuingSchool: String?
    /// Set when the LA withdrew or declined the notice: it then counts for nothing.
    public var withdrawn: PenaltyWithdrawal?

    public var counts: Bool { withdrawn == nil }

    public init(id: String = "", upn: String, parent: String, on: SchoolDate, by: String = "", amount: Int, amountIfLate: Int,
                unauthorisedSessions: Int, reason: String) {
        self.id = id
        self.upn = upn
        self.parent = parent
        self.on = on
        self.by = by
        self.amount = amount
        self.amountIfLate = amountIfLate
        self.unauthorisedSessions = unauthorisedSessions
        self.reason = reason
    }
}

/// A notice the LA withdrew or declined, when, why and who recorded it.
public struct PenaltyWithdrawal: Hashable, Sendable, Codable {
    public var on: SchoolDate
    public var reason: String
    public var by: String

    public init(on: SchoolDate, reason: String, by: String = "") {
        self.on = on
        self.reason = reason
        self.by = by
    }
}

/// Whether a penalty notice may be asked for, and why (the national framework, August 2024).
public struct PenaltyEligibility: Hashable, Sendable {
    public var thresholdMet: Bool
    public var eligible: Bool
    public var unauthorisedSessions: Int
    public var unresolvedNSessions: Int
    public var why: [String]
    /// Parents with parental responsibility who could receive one now.
    public var eligibleParents: [String]
}

extension PenaltyEligibility {
    /// The national threshold: 10 unauthorised sessions within 10 school weeks.
    public static let thresholdSessions = 10
    public static let thresholdSchoolWeeks = 10
    /// The threshold in words, for every screen and report that states it.
    public static var thresholdWords: String { "\(thresholdSessions) in \(thresholdSchoolWeeks) school weeks" }

    /// Amounts for a notice to a parent who has had `previous` notices for this child in the
    /// last 3 years: first £80 (£160 after 21 days); second £160 with no discount.
    public static func amounts(previous: Int) -> (amount: Int, ifLate: Int) {
        previous == 0 ? (80, 160) : (160, 160)
    }
}
