import Attendance

/// Casework as a school would have built it: at each review point staff accept the policy's
/// recommendations (entering and escalating cases), send the letters the stages ask for,
/// hold panel meetings with action plans, and call families about absences. Pure and
/// deterministic: the changes go through the domain's own checks.
struct CaseworkGenerator {
    var school: School
    let asOf: SchoolDate
    let seed: UInt64
    let fsw: StaffMember
    let office: StaffMember
    let head: StaffMember
    private var seq = 0

    init(school: School, asOf: SchoolDate, seed: UInt64, fsw: StaffMember, office: StaffMember, head: StaffMember) {
        self.school = school
        self.asOf = asOf
        self.seed = seed
        self.fsw = fsw
        self.office = office
        self.head = head
    }

    private mutating func commit(_ changes: [Change], by actor: StaffMember, reason: String? = nil) {
        seq += 1
        let t = school.completing(Transaction(changes, reason: reason), seq: seq, by: actor)
        // Generated changes follow the rules; one that does not is skipped, not forced.
        guard (try? school.check(t, by: actor)) != nil else { return }
        school.apply(t)
    }

    /// Runs the review cycle every `everyWeeks` weeks through the current academic year:
    /// fortnightly, so cases are reviewed near their review dates and move up one stage at a
    /// time as the policy says.
    mutating func reviewCycles(everyWeeks: Int = 2) {
        let year = AcademicYear(containing: asOf)
        var day = year.firstDay.adding(days: 28)
        while day.weekday != .friday { day = day.adding(days: 1) }
        var rng = SeededRandom(seed: seed, 7)
        while day < asOf {
            guard let engine = CaseworkEngine(school: school, asOf: day) else { return }
            for rec in engine.caseload() where rec.track != "unexplained_absence" {
                let decision: StageChange.Decision
                switch rec.kind {
                case .enter: decision = .enter
                case .escalate: decision = .escalate
                case .close: decision = .close
                case .stepDown: decision = .stepDown
                case .reviewDue: decision = .review
                default: continue
                }
                let reason = "\(decision == .review ? "Review" : "Half-termly data review"): " + (rec.reasons.first ?? "as the policy recommends")
                guard let d = engine.decision(upn: rec.upn, track: rec.track, decision: decision, to: rec.recommendedStage,
                                              reason: reason, on: day, recommended: rec) else { continue }
                commit([.caseDecision(d)], by: decision == .escalate && rec.track == "attendance" ? head : fsw, reason: reason)
                followUp(d, rng: &rng)
            }
            day = day.adding(days: 7 * everyWeeks)
        }
    }

    /// Staff do most of what a new stage asks, within its time: letters sent, meetings held;
    /// a few slip. Nothing is done on or after the as-of day (that is the user's to do).
    private mutating func followUp(_ d: CaseDecision, rng: inout SeededRandom) {
        let file = school.casework.caseFile(d.upn, track: d.track)
        let decided = d.change.on
        for action in file?.actions.filter({ $0.doneOn == nil }) ?? [] where rng.chance(0.85) {
            let span = max(1, decided.days(until: action.due))
            var done = decided.adding(days: rng.int(min(2, span)...span))
            while done.isWeekend && done > decided { done = done.adding(days: -1) }
            guard done < asOf else { continue }
            var changes: [Change] = [.actionDone(ActionDone(upn: d.upn, track: d.track, actionId: action.id, on: done))]
            if action.kind == "letter", let t = action.template {
                changes.append(.contact(ContactLogEntry(upn: d.upn, kind: .letter, on: done, time: "15:30", template: t)))
            }
            if action.kind == "meeting" {
                let pupil = school.pupils[d.upn]
                let parent = pupil?.contacts.first?.name ?? "Parent"
                let target = AttendanceTarget(percent: 95, overSchoolWeeks: 6)
                changes.append(.meeting(Meeting(upn: d.upn, track: d.track, on: done, attendees: [parent, fsw.name, head.name],
                                                goingWell: "\(pupil?.knownAs ?? "The pupil") enjoys art and has friends in class",
                                                concerns: rng.pick(["mornings are difficult at home", "anxiety about PE", "a younger sibling's illness", "transport since the house move"]),
                                                wellbeingGoals: "arrive calm and on time; talk to a trusted adult when worried",
                                                agreedActions: ["breakfast club place offered", "weekly check-in with the family support worker"],
                                                target: target, nextReview: done.adding(days: 28), isActionPlan: true)))
            }
            commit(changes, by: action.kind == "letter" ? office : fsw)
        }
    }

    /// First-day calls for absence days with no reason given at first (O and N), up to
    /// `limit` entries in all (nil: one for each such day of the current year).
    mutating func absenceCalls(years: [AcademicYear], limit: Int?) {
        var rng = SeededRandom(seed: seed, 8)
        var made = 0
        let stats = school.statistics
        outer: for year in years {
            for pupil in school.roll {
                guard let bytes = school.register[pupil.upn]?.bytes(for: year) else { continue }
                let first = Session(year.firstDay, .am).ordinal
                var slot = 0
                while slot < bytes.count {
                    defer { slot += 2 }
                    guard let code = AttendanceCode(byte: bytes[slot]), [.unknownReason, .reasonNotYetEstablished, .illness].contains(code) else { continue }
                    let day = Session(ordinal: first + slot).date
                    // Today's calls are the user's to make.
                    guard day < asOf else { break }
                    // Only the first day of a run: that is when the school calls.
                    if slot >= 2, let prev = AttendanceCode(byte: bytes[slot - 2]), prev == code { continue }
                    if code == .illness && rng.chance(0.7) { continue }  // most illness is rung in by the family
                    let contacts = pupil.contacts
                    guard !contacts.isEmpty else { continue }
                    let attempts = code == .illness ? 1 : rng.int(1...min(3, contacts.count + 1))
                    for a in 0..<attempts {
                        if let limit, made >= limit { break outer }
                        let c = contacts[min(a, contacts.count - 1)]
                        let last = a == attempts - 1
                        let outcome: ContactLogEntry.CallOutcome = last && code == .illness ? .spoke : (last ? rng.pick([.spoke, .voicemail, .noAnswer]) : rng.pick([.noAnswer, .voicemail]))
                        let note = outcome == .spoke ? (code == .illness ? "unwell, expected back soon" : rng.pick(["overslept", "family matter", "said would bring in tomorrow", "no reason given"])) : ""
                        commit([.contact(ContactLogEntry(upn: pupil.upn, kind: .call, on: day, time: "09:\(30 + a * 7)",
                                                         contactName: c.name, number: c.phones.first, outcome: outcome,
                                                         reasonCode: outcome == .spoke && code == .illness ? .illness : nil, text: note))], by: office)
                        made += 1
                    }
                    // A home visit when a vulnerable child's absence stays unexplained.
                    if let limit, made >= limit { break outer }
                    if code != .illness, pupil.flags.isSafeguardingPriority, stats.consecutiveUnexplainedDays(for: pupil.upn, asOf: day) >= 1 {
                        commit([.contact(ContactLogEntry(upn: pupil.upn, kind: .homeVisit, on: day, time: "11:15", visitedBy: [fsw.name, "Deputy head"],
                                                         childSeen: true, adultSpokenTo: contacts[0].name,
                                                         text: "Child at home, said to be unwell; reminded family to ring in", sensitive: true))], by: fsw)
                        made += 1
                    }
                }
            }
        }
    }
}
