/// A band's termly letter that a pupil is due this term: the band they are in now, and its
/// letter, not yet sent to them this term.
public struct TermlyLetterDue: Hashable, Sendable {
    public var upn: String
    public var band: String
    public var template: String
    public var term: String
}

extension School {
    /// Every pupil on roll whose band has a letter and who has had no band letter this term.
    /// One per pupil per term: a pupil who moves band after their letter is not written to
    /// again until next term. Pupils are banded only once the policy's minimum of possible
    /// sessions has passed, so a September absence does not send a RED letter.
    /// The policy's half-termly letter (`halfTermlyLetter`) comes too, once each half-term,
    /// to pupils in its range who have not had it since the half-term began.
    public func termlyLettersDue(asOf date: SchoolDate) -> [TermlyLetterDue] {
        guard let policy = casework.policy, let term = calendar?.term(containing: date) else { return [] }
        let bandLetters = Set(policy.bands.compactMap(\.letter))
        let stats = statistics
        var due = bandLetters.isEmpty ? [] : casework(roll: date).compactMap { pupil -> TermlyLetterDue? in
            let f = stats.figures(for: pupil.upn, in: Statistics.yearToDate(date))
            guard f.possible >= policy.percentRulesFromSessions,
                  let band = policy.band(forAttended: f.attended, possible: f.possible), let letter = band.letter else { return nil }
            let sent = (casework.contacts[pupil.upn] ?? []).contains { e in
                e.kind == .letter && term.dates.contains(e.on) && e.on <= date && bandLetters.contains(e.template ?? "")
            }
            return sent ? nil : TermlyLetterDue(upn: pupil.upn, band: band.name, template: letter, term: term.name)
        }
        if let h = policy.halfTermlyLetter {
            let from = stats.halfTermStart(containing: date)
            let range = "\(PercentText.truncated(h.atLeast))–\(PercentText.truncated(h.below))%"
            for pupil in casework(roll: date) {
                let f = stats.figures(for: pupil.upn, in: Statistics.yearToDate(date))
                guard f.possible >= policy.percentRulesFromSessions,
                      AttendanceLine.compare(attended: f.attended, possible: f.possible, threshold: h.atLeast) >= 0,
                      AttendanceLine.compare(attended: f.attended, possible: f.possible, threshold: h.below) < 0 else { continue }
                let sent = (casework.contacts[pupil.upn] ?? []).contains { e in e.kind == .letter && e.template == h.template && e.on >= from && e.on <= date }
                if !sent { due.append(TermlyLetterDue(upn: pupil.upn, band: "at risk (\(range))", template: h.template, term: "half-term from \(from.spoken)")) }
            }
        }
        return due
    }
}
