extension School {
    /// The change that logs a call. When the call established the reason (`reasonCode`) and
    /// `applyingReason` is set, the marks it explains (`marksACallExplains`: open N marks, and
    /// the O marks of the absence still running) up to the call's day become that
    /// code too, each an amendment whose reason is the call itself: the command line and the
    /// calling list record exactly the same thing.
    public func loggingCall(_ call: ContactLogEntry, applyingReason: Bool) -> Transaction {
        var changes: [Change] = [.contact(call)]
        guard applyingReason, let code = call.reasonCode else { return Transaction(changes) }
        let open = marksACallExplains(for: call.upn, upTo: call.on)
        changes += open.map { .mark(MarkChange(upn: call.upn, session: $0.session, mark: Mark(code, comment: $0.mark.comment))) }
        let who = call.contactName.map { " to \($0)" } ?? ""
        let said = call.text.isEmpty ? "" : ", \(call.text)"
        let reason = "call \(call.on) \(call.time ?? "")\(who): \(call.outcome?.spoken ?? "")\(said)"
        return Transaction(changes, reason: reason)
    }
}

extension School {
    /// The change that records a meeting: the meeting itself and its line in the contact log
    /// (who attended and the target), so the chronology shows it among the calls and visits.
    public func recordingMeeting(_ m: Meeting, time: String?, sensitive: Bool) -> Transaction {
        let note = ContactLogEntry(upn: m.upn, kind: .meeting, on: m.on, time: time,
                                   text: "with \(m.attendees.joined(separator: ", "))" + (m.target.map { "; target \($0)" } ?? ""),
                                   followUp: m.nextReview, sensitive: sensitive)
        var m = m
        if sensitive { m.sensitive = true }
        return Transaction([.meeting(m), .contact(note)])
    }
}
