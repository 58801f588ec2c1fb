extension School {
    /// The change that asks the LA for a penalty notice for one parent: the request (its
    /// amount filled in from the parent's earlier notices when committed) and the step on
    /// the intervention scale. Refused when committed unless the parent is eligible.
    public func requestingPenaltyNotice(upn: String, parent: String, on date: SchoolDate, reason: String,
                                        supportNotAppropriate: String? = nil) -> Transaction {
        let check = penaltyEligibility(for: upn, asOf: date, supportNotAppropriate: supportNotAppropriate)
        var request = PenaltyNoticeRequest(upn: upn, parent: parent, on: date, amount: 0, amountIfLate: 0,
                                           unauthorisedSessions: check.unauthorisedSessions, reason: reason)
        request.supportNotAppropriate = supportNotAppropriate.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0.trimmingSpaces() }
        let step = Intervention(id: "", upn: upn, kind: .penaltyNotice, on: date, note: "requested for \(parent)", by: "")
        // The audit trail's reason names the route too, whichever front end asked.
        let audited = reason + (request.supportNotAppropriate.map { " (support not appropriate: \($0))" } ?? "")
        return Transaction([.penaltyNotice(request), .intervention(step)], reason: audited)
    }

    /// The change that records a notice issued outside Rollcall (before it, or by another
    /// school) so that it counts towards the limit and the amount of the next (head only).
    public func recordingPenaltyNotice(upn: String, parent: String, issued: SchoolDate, amount: Int, school other: String?) -> Transaction {
        var notice = PenaltyNoticeRequest(upn: upn, parent: parent, on: issued, amount: amount, amountIfLate: amount == 80 ? 160 : amount,
                                          unauthorisedSessions: 0, reason: "issued " + (other.map { "by \($0)" } ?? "before Rollcall") + ", recorded afterwards")
        notice.recordedAfterwards = true
        notice.issuingSchool = other
        return Transaction([.penaltyNotice(notice)], reason: notice.reason)
    }

    /// The change that marks a notice withdrawn or declined by the LA: it no longer counts
    /// (head only). Refused if there is no such notice, naming those there are.
    public func withdrawingPenaltyNotice(upn: String, parent: String, issued: SchoolDate, reason: String,
                                         on date: SchoolDate) throws(ChangeRefused) -> Transaction {
        let notices = casework.penaltyNotices[upn] ?? []
        guard var notice = notices.first(where: { $0.parent == parent && $0.on == issued && $0.counts }) else {
            let known = notices.filter(\.counts).map { "\($0.parent) on \($0.on.spoken)" }
            throw ChangeRefused(.notFound, "no penalty notice for \(parent) issued on \(issued.spoken)"
                                + (known.isEmpty ? " (none recorded for \(upn))" : " (recorded: \(known.joined(separator: "; ")))"))
        }
        guard !reason.trimmingSpaces().isEmpty else { throw ChangeRefused(.needsReason, "say why the notice is withdrawn (--reason)") }
        notice.withdrawn = PenaltyWithdrawal(on: date, reason: reason)
        return Transaction([.penaltyNotice(notice)], reason: reason)
    }
}
