extension School {
    /// The change that asks the LA for a penalty notice for one parent: the request (its
    /// amount filled in from the parent's earlier notices when committed) and the step on
    /// the intervention scale. Refused when committed unless the parent is eligible.
    public func requestingPenaltyNotice(upn: String, parent: String, on date: SchoolDate, reason: String) -> Transaction {
        let check = penaltyEligibility(for: upn, asOf: date)
        let request = PenaltyNoticeRequest(upn: upn, parent: parent, on: date, amount: 0, amountIfLate: 0,
                                           unauthorisedSessions: check.unauthorisedSessions, reason: reason)
        let step = Intervention(id: "", upn: upn, kind: .penaltyNotice, on: date, note: "requested for \(parent)", by: "")
        return Transaction([.penaltyNotice(request), .intervention(step)], reason: reason)
    }
}
