extension School {
    /// Every word a change carries, against its rule (`EnteredText`): the same refusal for a
    /// command, an app form and an import, saying which field and what the limit is.
    func checkText(_ t: Transaction) throws(ChangeRefused) {
        func require(_ text: String?, _ rule: EnteredText, _ field: String) throws(ChangeRefused) { try School.require(text, rule, field) }
        if let r = t.reason { try require(r, .reason, "the reason") }
        for change in t.changes {
            switch change {
            case .mark(let m):
                try checkText(m)
            case .pupil(let p):
                try School.checkText(p)
            case .staff(let s):
                try require(s.name, .name, "the name of \(s.login)")
            case .caseDecision(let d):
                try require(d.change.reason, .reason, "the reason for the decision")
            case .contact(let e):
                try require(e.text, .note, "the note")
                try require(e.adultSpokenTo, .name, "who was spoken to")
                try require(e.contactName, .name, "who was called")
                try require(e.number, .name, "the number")
                for v in e.visitedBy ?? [] { try require(v, .name, "who visited") }
            case .meeting(let m):
                try require(m.goingWell, .note, "what is going well")
                try require(m.concerns, .note, "the concerns")
                try require(m.wellbeingGoals, .note, "the wellbeing goals")
                for a in m.agreedActions { try require(a, .note, "an agreed action") }
                for a in m.attendees { try require(a, .name, "who attended") }
            case .timetable(let p):
                try require(p.note, .note, "the note")
            case .intervention(let i):
                try require(i.note, .note, "the note")
            default:
                break
            }
        }
    }

    /// A mark's comment (an import's marks are checked one by one, without a `Change`).
    func checkText(_ m: MarkChange) throws(ChangeRefused) {
        // A register comment is a short note: an MIS may export one over several lines.
        try School.require(m.mark?.comment, .note, "the comment on \(m.upn) \(m.session)")
    }

    static func checkText(_ p: Pupil) throws(ChangeRefused) {
        try require(p.legalSurname, .name, "the surname of \(p.upn)")
        try require(p.legalForename, .name, "the forename of \(p.upn)")
        try require(p.preferredName, .name, "the preferred name of \(p.upn)")
        try require(p.registrationGroup, .name, "the class of \(p.upn)")
        try require(p.destination, .reason, "the destination of \(p.upn)")
        for c in p.contacts {
            try require(c.name, .name, "a contact's name for \(p.upn)")
            try require(c.relationship, .name, "a contact's relationship to \(p.upn)")
            for phone in c.phones { try require(phone, .name, "a contact's phone number for \(p.upn)") }
            try require(c.address, .note, "a contact's address for \(p.upn)")
        }
    }

    private static func require(_ text: String?, _ rule: EnteredText, _ field: String) throws(ChangeRefused) {
        guard let text, let problem = rule.problem(text, field: field) else { return }
        throw ChangeRefused(.invalid, problem)
    }
}

extension Pupil {
    /// What is wrong with the pupil's names, class or contacts as `EnteredText` has them (for
    /// an import to name the line before anything is stored), or nil.
    public var textProblem: String? {
        do { try School.checkText(self) } catch { return error.message }
        return nil
    }
}
