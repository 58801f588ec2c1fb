import Attendance
import AttendanceStore

/// A hand-built school for casework tests: autumn term 2025 (1 Sep–19 Dec, half-term
/// 27–31 Oct, no INSET), so that 1 Sep–24 Oct is exactly 40 school days, 80 sessions:
/// one absent session is 1.25 percentage points, and thresholds fall on whole sessions.
struct CaseworkSchool {
    var school: School
    /// The sequence number the next commit gets, as the store's journal would give it (never
    /// random: the ids the domain makes from it must be the same on every run).
    var nextSeq = 1
    static let asOf = SchoolDate("2025-10-24")!
    static let calendar = SchoolCalendar(terms: [
        Term(name: "Summer 2025", dates: DateRange(SchoolDate("2025-04-22")!, SchoolDate("2025-07-18")!),
             halfTerm: DateRange(SchoolDate("2025-05-26")!, SchoolDate("2025-05-30")!)),
        Term(name: "Autumn 2025", dates: DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-12-19")!),
             halfTerm: DateRange(SchoolDate("2025-10-27")!, SchoolDate("2025-10-31")!)),
        Term(name: "Spring 2026", dates: DateRange(SchoolDate("2026-01-05")!, SchoolDate("2026-03-27")!),
             halfTerm: DateRange(SchoolDate("2026-02-16")!, SchoolDate("2026-02-20")!)),
    ])

    init(policy id: String) throws {
        school = School(name: "Casework Test School", calendar: Self.calendar)
        school.casework.policy = try PolicyFile.preset(id)
        school.staff["head"] = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)
    }

    static func date(_ s: String) -> SchoolDate { SchoolDate(s)! }

    /// Open sessions of the autumn term from 1 Sep up to `end`.
    func openSessions(upTo end: SchoolDate, from start: SchoolDate = SchoolDate("2025-09-01")!) -> [Session] {
        DateRange(start, end).days.flatMap { d in [Session(d, .am), Session(d, .pm)] }.filter { Self.calendar.isOpen($0) }
    }

    /// A pupil, with contacts, present every open session up to `upTo` except the last
    /// `absent` sessions before it, which get `code`; `lateSessions` of the present AM
    /// sessions (the earliest in the current half-term) are `L` instead.
    @discardableResult
    mutating func pupil(_ upn: String, absent: Int = 0, code: AttendanceCode = .illness, lates: Int = 0,
                        upTo end: SchoolDate = CaseworkSchool.asOf, vulnerable: Bool = false, born: String = "2016-01-01") -> Pupil {
        var flags = VulnerabilityFlags()
        flags.childProtection = vulnerable
        let p = Pupil(upn: upn, legalSurname: "Surname\(upn)", legalForename: "Pupil", dateOfBirth: SchoolDate(born)!,
                      yearGroup: YearGroup(4), registrationGroup: "4A", flags: flags,
                      contacts: [Contact(name: "Parent One \(upn)", relationship: "Mother", phones: ["07700 900001"], parentalResponsibility: true, livesWithPupil: true),
                                 Contact(name: "Parent Two \(upn)", relationship: "Father", phones: ["07700 900002"], parentalResponsibility: true),
                                 Contact(name: "Gran \(upn)", relationship: "Grandparent", phones: ["01632 960001"])])
        school.upsert(p)
        let sessions = openSessions(upTo: end)
        let halfTermStart = school.statistics.halfTermStart(containing: end)
        var latesLeft = lates
        for (i, s) in sessions.enumerated() {
            let mark: Mark
            if i >= sessions.count - absent { mark = Mark(code) }
            else if s.half == .am, latesLeft > 0, s.date >= halfTermStart { mark = Mark(.lateBeforeClose, minutesLate: 10); latesLeft -= 1 }
            else { mark = Mark(s.half == .am ? .presentAM : .presentPM) }
            school.register.record(mark, for: upn, at: s)
        }
        return p
    }

    func recommendation(_ upn: String, track: String = "attendance", asOf: SchoolDate = CaseworkSchool.asOf) -> Recommendation? {
        let engine = CaseworkEngine(school: school, asOf: asOf)!
        return engine.recommendation(for: upn, track: engine.policy.track(track)!, measures: engine.measures(for: upn))
    }

    /// The stage the policy's rules point a pupil to, and why. A pupil with no case starts at
    /// the first stage (issue 10, defect 7) and a case moves up one stage at a time at its
    /// reviews, so this is the recommendation's `ruleStage`: where those steps lead.
    mutating func reachedStage(_ upn: String, track: String = "attendance", asOf: SchoolDate = CaseworkSchool.asOf) throws -> (stage: String?, reasons: [String]) {
        guard let r = recommendation(upn, track: track, asOf: asOf) else { return (nil, []) }
        return (r.ruleStage, r.reasons)
    }

    /// Records a staff decision the way the store would (completing, checking, applying).
    mutating func decide(_ upn: String, _ decision: StageChange.Decision, to stage: String?, track: String = "attendance",
                         on date: SchoolDate = CaseworkSchool.asOf, by actor: StaffMember? = nil) throws {
        let engine = CaseworkEngine(school: school, asOf: date)!
        let d = engine.decision(upn: upn, track: track, decision: decision, to: stage, reason: "test decision", on: date, recommended: nil)!
        try commit(Transaction([.caseDecision(d)], reason: "test decision"), by: actor ?? school.staff["head"]!)
    }

    mutating func commit(_ t: Transaction, by actor: StaffMember) throws {
        let completed = school.completing(t, seq: nextSeq, by: actor)
        nextSeq += 1
        try school.check(completed, by: actor)
        school.apply(completed)
    }
}
