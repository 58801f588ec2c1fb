/// One contact with a family, or about a child: the record the family support worker keeps
/// instead of a safeguarding log and a notebook.
public struct ContactLogEntry: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case call, homeVisit = "home_visit", meeting, letter, message, note
    }

    public enum CallOutcome: String, CaseIterable, Sendable, Codable {
        case noAnswer = "no_answer"
        case voicemail = "voicemail_left"
        case spoke = "spoke"
        case numberNotInUse = "number_not_in_use"
        case refused = "refused"

        public var spoken: String {
            switch self {
            case .noAnswer: return "no answer"
            case .voicemail: return "voicemail left"
            case .spoke: return "spoke"
            case .numberNotInUse: return "number not in use"
            case .refused: return "refused"
            }
        }
    }

    public var id: String
    public var upn: String
    public var kind: Kind
    public var on: SchoolDate
    /// "09:42", as the member of staff gave it (or the clock).
    public var time: String?
    public var by: String
    public var byName: String

    // Calls
    public var contactName: String?
    public var number: String?
    public var outcome: CallOutcome?
    /// The reason for absence the call established, as a code (e.g. I), if any.
    public var reasonCode: AttendanceCode?

    // Home visits
    public var visitedBy: [String]?
    public var childSeen: Bool?
    public var adultSpokenTo: String?

    // Letters
    public var template: String?

    public var text: String
    public var followUp: SchoolDate?
    /// Only the DSL and the head may read the text of a sensitive entry.
    public var sensitive: Bool
    /// The words of a sensitive entry (text, adult spoken to, child seen) are kept apart,
    /// where only the DSL group can read them; the store fills them in for those who can.
    public var heldApart: Bool?

    /// What a sensitive entry says in place of words this login may not read.
    public static let withheldText = "(safeguarding-sensitive: visible to the DSL and the head)"

    /// A note that raises (true) or lifts (false) a cause for concern about the pupil's
    /// attendance, which a policy can use as an entry rule (`cause_for_concern`).
    public var concern: Bool?

    public init(id: String = "", upn: String, kind: Kind, on: SchoolDate, time: String? = nil, by: String = "", byName: String = "",
                contactName: String? = nil, number: String? = nil, outcome: CallOutcome? = nil, reasonCode: AttendanceCode? = nil,
                visitedBy: [String]? = nil, childSeen: Bool? = nil, adultSpokenTo: String? = nil, template: String? = nil,
                text: String = "", followUp: SchoolDate? = nil, sensitive: Bool = false, concern: Bool? = nil) {
        self.concern = concern
        self.id = id
        self.upn = upn
        self.kind = kind
        self.on = on
        self.time = time
        self.by = by
        self.byName = byName
        self.contactName = contactName
        self.number = number
        self.outcome = outcome
        self.reasonCode = reasonCode
        self.visitedBy = visitedBy
        self.childSeen = childSeen
        self.adultSpokenTo = adultSpokenTo
        self.template = template
        self.text = text
        self.followUp = followUp
        self.sensitive = sensitive
    }

    /// The entry as `viewer` may see it: a sensitive entry keeps its kind, date and author
    /// for everyone, but its words only for the DSL, the head and whoever wrote it.
    public func visible(to viewer: StaffMember) -> ContactLogEntry {
        guard sensitive, !viewer.may(.readSafeguardingNotes), viewer.login != by || by.isEmpty else { return self }
        var e = self
        e.text = ContactLogEntry.withheldText
        e.adultSpokenTo = e.adultSpokenTo == nil ? nil : "(hidden)"
        e.childSeen = nil
        return e
    }

    /// One line for lists: "09:42 call Sarah Smith 07700 900123: spoke (I) — sickness bug".
    public var summary: String {
        var parts = [time.map { "\(on) \($0)" } ?? on.description, kind.rawValue.replacingUnderscores()]
        if let contactName { parts.append(contactName) }
        if let number { parts.append(number) }
        var line = parts.joined(separator: " ")
        if let outcome { line += ": \(outcome.spoken)" + (reasonCode.map { " (\($0.symbol))" } ?? "") }
        if let childSeen { line += childSeen ? ", child seen" : ", child NOT seen" }
        if let template { line += ": letter \(template)" }
        if !text.isEmpty { line += " — \(text)" }
        if let followUp { line += " [follow up \(followUp)]" }
        return line
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
