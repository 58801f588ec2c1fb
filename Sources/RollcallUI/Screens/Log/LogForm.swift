import Attendance

/// `:log call|visit|meeting|letter|note [pupil]`, or `l` from a pupil or the calling list: one
/// form for every kind of contact-log entry. The fields follow the kind; Tab moves between
/// them, ←/→ (or Space) change a choice, Ctrl-S (or `:save`) saves, Esc asks before throwing
/// away anything typed.
public struct LogForm: Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case kind, contact, outcome, reason, apply, who, childSeen, adult, attendees, goingWell, concerns, goals, actions
        case target, overWeeks, nextReview, plan, template, note, concern, followUp, sensitive

        var label: String {
            switch self {
            case .kind: return "Kind"
            case .contact: return "Contact"
            case .outcome: return "Outcome"
            case .reason: return "Reason found"
            case .apply: return "Put on N/O marks"
            case .who: return "Who went"
            case .childSeen: return "Child seen"
            case .adult: return "Adult spoken to"
            case .attendees: return "Attendees"
            case .goingWell: return "Going well"
            case .concerns: return "Concerns"
            case .goals: return "Goals"
            case .actions: return "Agreed actions"
            case .target: return "Target %"
            case .overWeeks: return "Over school weeks"
            case .nextReview: return "Next review"
            case .plan: return "Action plan"
            case .template: return "Letter"
            case .note: return "Note"
            case .concern: return "Cause for concern"
            case .followUp: return "Follow up on"
            case .sensitive: return "Sensitive"
            }
        }

        /// Free text that keeps its line breaks (a pasted note keeps its lines).
        var isMultiline: Bool { [.note, .concerns, .goingWell].contains(self) }

        var isText: Bool { ![.kind, .contact, .outcome, .apply, .childSeen, .plan, .template, .concern, .sensitive].contains(self) }
    }

    public static let kinds: [ContactLogEntry.Kind] = [.call, .homeVisit, .meeting, .letter, .note]
    public static let outcomes = ContactLogEntry.CallOutcome.allCases
    public static let templates = LetterTemplateIDs.known.sorted()

    public var upn: String
    public var kind: ContactLogEntry.Kind
    public var text: [Field: TextField] = [:]
    /// Picklists (kind, contact, outcome, template, child seen) by index; toggles as 0/1.
    public var choice: [Field: Int] = [:]
    public var focus: Field = .kind
    /// Esc was pressed with text typed: the next key confirms.
    public var confirmingDiscard = false
    /// The day and time the form was opened: the entry is dated them, even after midnight.
    public var opened: FormMoment

    init(upn: String, kind: ContactLogEntry.Kind, staffName: String, opened: FormMoment) {
        self.upn = upn
        self.opened = opened
        self.kind = kind
        text[.who] = TextField(staffName)
        text[.overWeeks] = TextField("6")
        choice[.apply] = 1
        choice[.childSeen] = 0  // not said yet
        focus = fields.dropFirst().first ?? .kind
    }

    /// The fields this kind of entry has, in order.
    public var fields: [Field] {
        switch kind {
        case .call: return [.kind, .contact, .outcome, .reason, .apply, .note, .followUp, .sensitive]
        case .homeVisit: return [.kind, .who, .childSeen, .adult, .note, .followUp, .sensitive]
        case .meeting: return [.kind, .attendees, .goingWell, .concerns, .goals, .actions, .target, .overWeeks, .nextReview, .plan, .sensitive]
        case .letter: return [.kind, .template, .note]
        case .message: return [.kind, .note, .followUp, .sensitive]
        case .note: return [.kind, .note, .followUp, .sensitive, .concern]
        }
    }

    var hasTypedText: Bool {
        fields.contains { f in f.isText && f != .who && f != .overWeeks && !(text[f]?.isEmpty ?? true) }
    }

    func value(_ f: Field) -> String { text[f]?.text.trimmingSpaces() ?? "" }

    /// The choices a picklist field offers, for display.
    func options(_ f: Field, pupil: Pupil?) -> [String] {
        switch f {
        case .kind: return LogForm.kinds.map(LogForm.kindName)
        case .contact: return (pupil?.contacts ?? []).map { "\($0.name) (\($0.relationship)) \($0.phones.first ?? "")" }
        case .outcome: return LogForm.outcomes.map(\.spoken)
        case .template: return LogForm.templates
        case .childSeen: return ["not said", "yes", "no"]
        case .concern: return ["no", "raises one", "lifts it"]
        default: return ["no", "yes"]
        }
    }

    static func kindName(_ k: ContactLogEntry.Kind) -> String {
        switch k {
        case .call: return "call"
        case .homeVisit: return "home visit"
        case .meeting: return "meeting"
        case .letter: return "letter sent"
        case .message: return "message"
        case .note: return "note"
        }
    }

    /// A problem that names the field.
    public struct Problem: Error, Hashable, Sendable {
        public var field: Field
        public var text: String
    }

    /// The change the form records, or the first thing missing or wrong, naming its field.
    func transaction(in school: School, today: SchoolDate, time: String) -> Result<Transaction, Problem> {
        let pupil = school.pupils[upn]
        func date(_ f: Field) -> Result<SchoolDate?, Problem> {
            let v = value(f)
            if v.isEmpty { return .success(nil) }
            guard let d = SchoolDate(parsing: v) else { return .failure(Problem(field: f, text: "\(f.label): \"\(v)\" is not a date (YYYY-MM-DD or DD/MM/YYYY)")) }
            return .success(d)
        }
        let followUp: SchoolDate?
        switch date(.followUp) { case .failure(let p): return .failure(p); case .success(let d): followUp = d }
        let sensitive = choice[.sensitive] == 1
        let note = value(.note)
        switch kind {
        case .call:
            guard let contacts = pupil?.contacts, !contacts.isEmpty else {
                return .failure(Problem(field: .contact, text: "Contact: this pupil has no contacts to call; add them to the pupil's record"))
            }
            let person = contacts[min(choice[.contact] ?? 0, contacts.count - 1)]
            let outcome = LogForm.outcomes[choice[.outcome] ?? 0]
            var code: AttendanceCode?
            if !value(.reason).isEmpty {
                guard case .success(let c) = AttendanceCode.callReason(value(.reason)) else {
                    return .failure(Problem(field: .reason, text: "Reason found: \"\(value(.reason))\" is not an absence code a call can record (I, M, G, O …)"))
                }
                guard outcome == .spoke else { return .failure(Problem(field: .reason, text: "Reason found: only a call where you spoke to someone gives a reason")) }
                code = c
            }
            let call = ContactLogEntry(upn: upn, kind: .call, on: today, time: time, contactName: person.name, number: person.phones.first,
                                       outcome: outcome, reasonCode: code, text: note, followUp: followUp, sensitive: sensitive)
            return .success(school.loggingCall(call, applyingReason: choice[.apply] == 1))
        case .homeVisit:
            let who = value(.who).split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            guard !who.isEmpty else { return .failure(Problem(field: .who, text: "Who went: say who made the visit")) }
            guard let seen = [1: true, 2: false][choice[.childSeen] ?? 0] else {
                return .failure(Problem(field: .childSeen, text: "Child seen: say yes or no (← →)"))
            }
            let adult = value(.adult)
            return .success(Transaction([.contact(ContactLogEntry(upn: upn, kind: .homeVisit, on: today, time: time, visitedBy: who, childSeen: seen,
                                                                   adultSpokenTo: adult.isEmpty ? nil : adult, text: note, followUp: followUp, sensitive: sensitive))]))
        case .meeting:
            let attendees = value(.attendees).split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            guard !attendees.isEmpty else { return .failure(Problem(field: .attendees, text: "Attendees: say who was at the meeting")) }
            var target: AttendanceTarget?
            if !value(.target).isEmpty {
                guard let pct = Double(value(.target)), pct > 0, pct <= 100 else { return .failure(Problem(field: .target, text: "Target %: a percentage such as 95")) }
                guard let weeks = Int(value(.overWeeks)), weeks > 0 else { return .failure(Problem(field: .overWeeks, text: "Over school weeks: a number of weeks such as 6")) }
                target = AttendanceTarget(percent: pct, overSchoolWeeks: weeks)
            }
            let review: SchoolDate?
            switch date(.nextReview) { case .failure(let p): return .failure(p); case .success(let d): review = d }
            let track = school.casework.cases(for: upn).first(where: \.isOpen)?.track
            let actions = value(.actions).split(separator: ";").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            let m = Meeting(upn: upn, track: track, on: today, attendees: attendees, goingWell: value(.goingWell), concerns: value(.concerns),
                            wellbeingGoals: value(.goals), agreedActions: actions, target: target, nextReview: review, isActionPlan: choice[.plan] == 1)
            return .success(school.recordingMeeting(m, time: time, sensitive: sensitive))
        case .letter:
            let template = LogForm.templates[choice[.template] ?? 0]
            return .success(school.sendingLetter(upn: upn, template: template, on: today, time: time, note: note))
        case .message, .note:
            guard !note.isEmpty else { return .failure(Problem(field: .note, text: "Note: type what happened")) }
            // A note may raise or lift a cause for concern, which a policy can act on.
            let concern: Bool? = kind == .note ? [nil, true, false][choice[.concern] ?? 0] : nil
            return .success(Transaction([.contact(ContactLogEntry(upn: upn, kind: kind, on: today, time: time, text: note, followUp: followUp,
                                                                  sensitive: sensitive, concern: concern))]))
        }
    }
}
