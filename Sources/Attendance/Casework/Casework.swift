/// All casework for the school: the policy in use, every case file, the contact log,
/// meetings and plans, part-time timetables, interventions and penalty-notice requests.
public struct Casework: Sendable, Equatable {
    public var policy: Policy?
    public private(set) var cases: [String: CaseFile] = [:]
    /// The contact log by pupil, oldest first. Loaded by academic year (see the store).
    public private(set) var contacts: [String: [ContactLogEntry]] = [:]
    public private(set) var meetings: [String: [Meeting]] = [:]
    public private(set) var timetables: [String: [PartTimeTimetable]] = [:]
    public private(set) var interventions: [String: [Intervention]] = [:]
    public private(set) var penaltyNotices: [String: [PenaltyNoticeRequest]] = [:]

    public init() {}

    static func key(_ upn: String, _ track: String) -> String { "\(upn)|\(track)" }

    public func caseFile(_ upn: String, track: String) -> CaseFile? { cases[Casework.key(upn, track)] }

    /// Contact-log entries in memory.
    public var contactCount: Int { contacts.values.reduce(0) { $0 + $1.count } }

    public func cases(for upn: String) -> [CaseFile] {
        (policy?.tracks.map(\.id) ?? []).compactMap { caseFile(upn, track: $0) }
    }

    public var openCases: [CaseFile] { cases.values.filter(\.isOpen) }

    /// Forgets the contact log in memory (it is stored, and reloaded, by academic year).
    public mutating func clearContacts() { contacts = [:] }

    public mutating func put(_ file: CaseFile) { cases[Casework.key(file.upn, file.track)] = file }

    // Upserts by id keep replaying a journal harmless.
    // A static upsert: an instance method (even a non-mutating one) handed `&self.contacts`
    // borrows a copy of the whole casework, so every entry put copied the contact log's
    // dictionary (most of the cost of loading a year of it, seen with perf).
    public mutating func put(_ entry: ContactLogEntry) { Self.upsert(&contacts, entry.upn, entry) { $0.id } }
    public mutating func put(_ m: Meeting) { Self.upsert(&meetings, m.upn, m) { $0.id } }
    public mutating func put(_ t: PartTimeTimetable) { Self.upsert(&timetables, t.upn, t) { $0.id } }
    public mutating func put(_ i: Intervention) { Self.upsert(&interventions, i.upn, i) { $0.id } }
    public mutating func put(_ p: PenaltyNoticeRequest) { Self.upsert(&penaltyNotices, p.upn, p) { $0.id } }

    private static func upsert<T>(_ table: inout [String: [T]], _ upn: String, _ item: T, id: (T) -> String) {
        let wanted = id(item)
        if let i = table[upn]?.firstIndex(where: { id($0) == wanted }) {
            table[upn]![i] = item
        } else {
            table[upn, default: []].append(item)
        }
    }

    /// Support on record before a date: meetings, plans, support interventions and done
    /// case actions the policy marks as support (`Policy.Action.isSupport`: not a home visit
    /// to find a child or a safeguarding referral). A penalty notice is only considered once
    /// support has been offered.
    public func supportRecorded(for upn: String, before date: SchoolDate) -> [String] {
        var evidence: [String] = []
        for m in meetings[upn] ?? [] where m.on <= date {
            evidence.append("\(m.isActionPlan ? "action plan meeting" : "meeting") on \(m.on.spoken)")
        }
        for i in interventions[upn] ?? [] where i.kind.isSupport && i.on <= date {
            evidence.append("\(i.kind.rawValue.replacingUnderscores()) on \(i.on.spoken)")
        }
        for file in cases(for: upn) {
            let stages = policy?.track(file.track)?.stages ?? []
            let policyActions = stages.flatMap { $0.actions + ($0.vulnerableActions ?? []) }
            for a in file.actions {
                let isSupport = policyActions.first { $0.kind == a.kind && $0.description == a.description }?.isSupport
                    ?? ["meeting", "plan"].contains(a.kind)
                guard isSupport else { continue }
                if let done = a.doneOn, done <= date { evidence.append("\(a.description) on \(done.spoken)") }
            }
        }
        return evidence
    }
}
