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
    /// Amounts for a notice to a parent who has had `previous` notices for this child in the
    /// last 3 years: first £80 (£160 after 21 days); second £160 with no discount.
    public static func amounts(previous: Int) -> (amount: Int, ifLate: Int) {
        previous == 0 ? (80, 160) : (160, 160)
    }
}
