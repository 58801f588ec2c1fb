extension School {
    /// Fills in what each change replaces from the current state, the ids of new records
    /// (from the journal sequence number, so they are unique across processes) and who made
    /// them, so the journal and the audit trail say exactly what happened.
    public func completing(_ transaction: Transaction, seq: Int, by actor: StaffMember) -> Transaction {
        var t = transaction
        var n = 0
        func nextID(_ prefix: String) -> String { n += 1; return "\(prefix)\(seq)-\(n)" }
        t.changes = t.changes.map { change in
            switch change {
            case .mark(var m):
                m.previous = register.mark(for: m.upn, at: m.session)
                // `/` and `\` are one mark: each session has its own.
                if let code = m.mark?.code { m.mark?.code = code.recorded(in: m.session.half) }
                return .mark(m)
            case .caseDecision(var d):
                d.change.from = casework.caseFile(d.upn, track: d.track)?.stage
                if d.change.by.isEmpty { d.change.by = actor.login }
                d.newActions = d.newActions.map { a in var a = a; if a.id.isEmpty { a.id = nextID("a") }; return a }
                return .caseDecision(d)
            case .actionDone(var a):
                if a.by.isEmpty { a.by = actor.login }
                return .actionDone(a)
            case .contact(var e):
                if e.id.isEmpty { e.id = nextID("c") }
                if e.by.isEmpty { e.by = actor.login; e.byName = actor.name }
                return .contact(e)
            case .meeting(var m):
                if m.id.isEmpty { m.id = nextID("m") }
                if m.by.isEmpty { m.by = actor.login }
                // A plan always has a target: the school's own (`targetPercent`) unless the
                // meeting agreed another, over the stage's review period (6 school weeks).
                if m.isActionPlan, m.target == nil, let t = casework.policy?.targetPercent {
                    let stage = m.track.flatMap { casework.caseFile(m.upn, track: $0)?.stage }.flatMap { id in
                        m.track.flatMap { casework.policy?.track($0)?.stages.first { $0.id == id } } }
                    m.target = AttendanceTarget(percent: t, overSchoolWeeks: stage?.reviewAfterWeeks ?? 6)
                }
                return .meeting(m)
            case .timetable(var p):
                if p.id.isEmpty { p.id = nextID("t") }
                if p.by.isEmpty { p.by = actor.login }
                return .timetable(p)
            case .intervention(var i):
                if i.id.isEmpty { i.id = nextID("i") }
                if i.by.isEmpty { i.by = actor.login }
                return .intervention(i)
            case .penaltyNotice(var p):
                if p.id.isEmpty { p.id = nextID("p") }
                if p.by.isEmpty { p.by = actor.login }
                if var w = p.withdrawn, w.by.isEmpty { w.by = actor.login; p.withdrawn = w }
                if p.amount == 0 {
                    (p.amount, p.amountIfLate) = PenaltyEligibility.amounts(previous: previousPenaltyNotices(for: p.upn, parent: p.parent, asOf: p.on).count)
                }
                return .penaltyNotice(p)
            case .registerClosed(var c):
                if c.by.isEmpty { c.by = actor.login }
                return .registerClosed(c)
            default:
                return change
            }
        }
        return t
    }

    /// Checks a completed transaction against the rules and the acting member's role.
    /// `today` is the school's date (the store works it out from the clock and the school's
    /// time zone); without it every change to an existing mark is treated as an amendment.
    public func check(_ t: Transaction, by actor: StaffMember, today: SchoolDate? = nil) throws(ChangeRefused) {
        let hasReason = School.hasReason(t.reason)
        try checkText(t)
        try checkNotTooFarAhead(t, today: today)
        for change in t.changes {
            switch change {
            case .mark(let m):
                try check(m, by: actor, today: today, hasReason: hasReason, origin: t.origin, allowingAnyDate: t.allowingAnyDate)
            case .pupil:
                try require(.importData, actor)
            case .calendar:
                try require(.editCalendar, actor)
            case .staff(let s):
                try require(.manageStaff, actor)
                guard !s.login.isEmpty, !s.name.trimmingSpaces().isEmpty else { throw ChangeRefused(.invalid, "staff need a login and a name") }
                if s.role != .head, staff[s.login]?.role == .head, heads.count == 1 {
                    throw ChangeRefused(.invalid, "\(s.login) is the only head; add another head first")
                }
            case .staffRemoved(let login):
                try require(.manageStaff, actor)
                guard staff[login] != nil else { throw ChangeRefused(.notFound, "\(login) is not on the staff list") }
                if staff[login]?.role == .head, heads.count == 1 { throw ChangeRefused(.invalid, "\(login) is the only head; add another head first") }
            case .policy(let p):
                try require(.changePolicy, actor)
                if let problem = p.problems(templates: LetterTemplateIDs.known).first { throw ChangeRefused(.invalid, "the policy has a problem: \(problem)") }
            case .caseDecision(let d):
                // A leaver's case closed by the rule, not by the member of staff making the
                // change it rides with: accepted only if it is exactly what the rule owes.
                if d.change.by == StageChange.byRollcall {
                    guard isOwedLeaverClosure(d, in: t, today: today) else {
                        throw ChangeRefused(.invalid, "only a case of a pupil who has left is closed by Rollcall itself, as \"left the school\" from the day after the leaving date")
                    }
                    break
                }
                try require(.decideAtPanel, actor)
                try checkDecision(d)
            case .actionDone(let a):
                try requirePupil(a.upn)
                guard let file = casework.caseFile(a.upn, track: a.track), let action = file.actions.first(where: { $0.id == a.actionId }) else {
                    throw ChangeRefused(.notFound, "\(a.upn) has no action \(a.actionId) on the \(a.track) track")
                }
                let routine = ["letter", "call"].contains(action.kind)
                try require(routine ? (action.kind == "letter" ? .sendLetters : .logContact) : .workCases, actor)
            case .contact(let e):
                try require(.logContact, actor)
                try requirePupil(e.upn)
                switch e.kind {
                case .call where e.outcome == nil: throw ChangeRefused(.invalid, "a call needs its outcome (no answer, voicemail left, spoke, number not in use, refused)")
                case .homeVisit where (e.visitedBy ?? []).isEmpty: throw ChangeRefused(.invalid, "a home visit needs who went")
                case .letter where e.template == nil: throw ChangeRefused(.invalid, "a letter needs its template")
                default: break
                }
                if let code = e.reasonCode, !code.isCallReason {
                    throw ChangeRefused(.invalid, "a call's reason must be an absence code such as I or M (not N or a pre-2024 code), not \(code.symbol)")
                }
                if e.reasonCode != nil && e.outcome != .spoke { throw ChangeRefused(.invalid, "a reason for absence comes only from a call where you spoke to someone") }
            case .meeting(let m):
                try require(.recordMeetings, actor)
                try requirePupil(m.upn)
                guard !m.attendees.isEmpty else { throw ChangeRefused(.invalid, "a meeting needs who attended") }
            case .timetable(let p):
                try require(.workCases, actor)
                try requirePupil(p.upn)
                guard p.parentAgreed else { throw ChangeRefused(.invalid, "a part-time timetable needs the parent's agreement") }
                guard p.ends >= p.starts, p.reviewOn >= p.starts else { throw ChangeRefused(.invalid, "a part-time timetable needs an end date and a review date after it starts") }
            case .intervention(let i):
                try require([.penaltyNotice, .prosecution, .educationSupervisionOrder].contains(i.kind) ? .requestPenaltyNotices : .workCases, actor)
                try requirePupil(i.upn)
            case .penaltyNotice(let p):
                try require(.requestPenaltyNotices, actor)
                try requirePupil(p.upn)
                // Marking a notice withdrawn: the same notice, nothing else changed.
                if let existing = (casework.penaltyNotices[p.upn] ?? []).first(where: { $0.id == p.id }) {
                    var unchanged = p
                    unchanged.withdrawn = existing.withdrawn
                    guard unchanged == existing, p.withdrawn != nil, existing.withdrawn == nil else {
                        throw ChangeRefused(.invalid, "a penalty notice once recorded can only be marked withdrawn")
                    }
                    break
                }
                // A notice issued outside Rollcall: £80 or £160, for a parent with parental responsibility.
                if p.recordedAfterwards == true {
                    guard [80, 160].contains(p.amount) else { throw ChangeRefused(.invalid, "a penalty notice is £80 or £160, not £\(p.amount)") }
                    let withPR = pupils[p.upn]?.contacts.filter(\.parentalResponsibility).map(\.name) ?? []
                    guard withPR.contains(p.parent) else {
                        throw ChangeRefused(.invalid, "\(p.parent) is not a contact with parental responsibility (those are: \(withPR.joined(separator: ", ")))")
                    }
                    break
                }
                let check = penaltyEligibility(for: p.upn, asOf: p.on, supportNotAppropriate: p.supportNotAppropriate)
                guard check.eligibleParents.contains(p.parent) else {
                    throw ChangeRefused(.invalid, "a penalty notice for \(p.parent) cannot be requested: " + check.why.joined(separator: "; "))
                }
                let due = PenaltyEligibility.amounts(previous: previousPenaltyNotices(for: p.upn, parent: p.parent, asOf: p.on).count)
                guard p.amount == due.amount, p.amountIfLate == due.ifLate else {
                    throw ChangeRefused(.invalid, "a penalty notice for \(p.parent) is £\(due.amount)" + (due.ifLate != due.amount ? " (£\(due.ifLate) after 21 days)" : "") + ", not £\(p.amount)")
                }
            case .settings(let s):
                try require(.changeSettings, actor)
                if let problem = s.problem { throw ChangeRefused(.invalid, "the settings have a problem: \(problem)") }
            case .registerClosed(let c):
                try require(.recordMarks, actor)
                guard !isClosed(group: c.group, session: c.session) else { break }
                guard pupils.values.contains(where: { $0.registrationGroup == c.group }) else {
                    throw ChangeRefused(.notFound, "no pupils are in class \(c.group) (classes: \(registrationGroups.joined(separator: ", ")))")
                }
                // Marks recorded in the same transaction count.
                let marked = Set(t.changes.compactMap { change -> String? in
                    if case .mark(let m) = change, m.session == c.session, m.mark != nil { return m.upn } else { return nil }
                })
                let unmarked = unmarkedPupils(group: c.group, session: c.session).filter { !marked.contains($0.upn) }
                if !unmarked.isEmpty {
                    throw ChangeRefused(.invalid, "the \(c.group) register for \(c.session) cannot be closed; not yet marked: "
                                        + unmarked.map(\.listName).joined(separator: "; ") + " (mark them first, N if nothing is known)")
                }
            }
        }
    }

    /// Checks one completed mark change of a transaction with (`hasReason`) or without a
    /// reason, from `origin`: the rules `check(_:by:today:)` applies to each mark, for a store
    /// that holds an import's marks without a `Change` for each.
    public func check(_ m: MarkChange, by actor: StaffMember, today: SchoolDate?, hasReason: Bool, origin: Transaction.Origin,
                      allowingAnyDate: Bool = false) throws(ChangeRefused) {
        let amendment = today.map { needsReason(m, today: $0) } ?? m.isAmendment
        try require(amendment ? .amendMarks : .recordMarks, actor)
        try requirePupil(m.upn)
        try checkText(m)
        try checkDate(m, allowingAnyDate: allowingAnyDate, hasReason: hasReason)
        // A register exists only for the sessions the school is open: a mark on a weekend or
        // in a holiday would add a possible session that never was. (`#`, planned closure,
        // counts as none; clearing a wrong mark is always allowed.)
        if let code = m.mark?.code, code != .plannedClosure, let why = calendar?.whyClosed(m.session) {
            throw ChangeRefused(.invalid, "\(m.upn) \(m.session) is not a school session (\(why), by the school calendar): no mark can be recorded")
        }
        if amendment && !hasReason {
            let was = m.previous!.code.symbol, now = m.mark?.code.symbol ?? "no mark"
            throw ChangeRefused(.needsReason, "\(m.upn) already has \(was) on \(m.session): changing it to \(now) is an amendment and needs a reason")
        }
        if let code = m.mark?.code, code.isLegacy, origin == .staff {
            throw ChangeRefused(.invalid, "\(code.symbol) is a pre-2024 code, accepted only from imports; use \(code.nearestCurrentCode.symbol)")
        }
        // X removes a possible session (raising attendance), so it is only for a child below
        // or above compulsory school age; C2 is a part-time timetable for a pupil of it.
        if let code = m.mark?.code, code == .notCompulsoryAge || code == .partTimeTimetable, let p = pupils[m.upn] {
            let compulsory = p.isOfCompulsorySchoolAge(on: m.session.date)
            if code == .notCompulsoryAge, compulsory {
                throw ChangeRefused(.invalid, "\(m.upn) \(m.session): X is only for a child not of compulsory school age, and \(p.knownAs) is of compulsory school age then (from \(p.compulsorySchoolAgeStarts.spoken)); X would remove a possible session")
            }
            if code == .partTimeTimetable, !compulsory {
                throw ChangeRefused(.invalid, "\(m.upn) \(m.session): C2 (part-time timetable) is only for a pupil of compulsory school age, and \(p.knownAs) is not then; a session a younger child is not required to attend is X")
            }
        }
        if let minutes = m.mark?.minutesLate, minutes < 0 || minutes > 300 {
            throw ChangeRefused(.invalid, "minutes late must be 0–300")
        }
        if let code = m.mark?.code, m.mark?.minutesLate != nil, code != .lateBeforeClose, code != .lateAfterClose {
            throw ChangeRefused(.invalid, "minutes late go only with L or U, not \(code.symbol)")
        }
    }

    /// Whether a transaction's reason is there (amendments need one).
    public static func hasReason(_ reason: String?) -> Bool { !(reason ?? "").trimmingSpaces().isEmpty }

    private func checkDecision(_ d: CaseDecision) throws(ChangeRefused) {
        try requirePupil(d.upn)
        guard let policy = casework.policy else { throw ChangeRefused(.invalid, "no attendance policy is in use; choose one with `rollcall policy use ID`") }
        guard let track = policy.track(d.track) else { throw ChangeRefused(.notFound, "the policy has no \"\(d.track)\" track (it has \(policy.tracks.map(\.id).joined(separator: ", ")))") }
        guard !d.change.reason.trimmingSpaces().isEmpty else { throw ChangeRefused(.needsReason, "a decision needs a reason") }
        let index = { (id: String?) -> Int? in id.flatMap { s in track.stages.firstIndex { $0.id == s } } }
        if let to = d.change.to, index(to) == nil {
            throw ChangeRefused(.notFound, "the \(track.id) track has no stage \"\(to)\" (it has \(track.stages.map(\.id).joined(separator: ", ")))")
        }
        let current = casework.caseFile(d.upn, track: d.track)?.stage
        switch d.change.decision {
        case .enter:
            guard current == nil else { throw ChangeRefused(.invalid, "\(d.upn) already has an open \(track.id) case at \(current!); escalate, step down, hold or close it") }
            guard d.change.to != nil else { throw ChangeRefused(.invalid, "entering a case needs the stage") }
        case .escalate, .stepDown:
            guard let current, let from = index(current) else { throw ChangeRefused(.invalid, "\(d.upn) has no open \(track.id) case; enter a stage first") }
            guard let to = index(d.change.to) else { throw ChangeRefused(.invalid, "say which stage to move to") }
            if d.change.decision == .escalate && to <= from { throw ChangeRefused(.invalid, "escalating goes to a later stage than \(current)") }
            if d.change.decision == .stepDown && to >= from { throw ChangeRefused(.invalid, "stepping down goes to an earlier stage than \(current)") }
        case .hold, .review, .close:
            guard current != nil else { throw ChangeRefused(.invalid, "\(d.upn) has no open \(track.id) case") }
        }
    }

    private var heads: [StaffMember] { staff.values.filter { $0.role == .head } }

    private func requirePupil(_ upn: String) throws(ChangeRefused) {
        guard pupils[upn] != nil else { throw ChangeRefused(.notFound, "no pupil with UPN \(upn)") }
    }

    private func require(_ p: Permission, _ actor: StaffMember) throws(ChangeRefused) {
        guard actor.may(p) else {
            let roles = StaffRole.allCases.filter { $0.permissions.contains(p) }.map(\.rawValue)
            throw ChangeRefused(.notPermitted, "\(actor.name) is \(actor.role.rawValue) staff and may not \(p.rawValue) (\(roles.joined(separator: " or ")) staff may)")
        }
    }

    /// Applies a change. Idempotent: replaying a journal twice gives the same state.
    public mutating func apply(_ change: Change) {
        switch change {
        case .mark(let m): register.record(m.mark, for: m.upn, at: m.session)
        case .pupil(let p): upsert(p)
        case .calendar(let c): calendar = c
        case .staff(let s): staff[s.login] = s
        case .staffRemoved(let login): staff[login] = nil
        case .policy(let p): casework.policy = p
        case .caseDecision(let d):
            var file = casework.caseFile(d.upn, track: d.track) ?? CaseFile(upn: d.upn, track: d.track, openedOn: d.change.on)
            guard !file.history.contains(d.change) else { return }
            if d.change.decision == .enter { file.openedOn = d.change.on }
            file.stage = d.change.decision == .close ? nil : (d.change.to ?? file.stage)
            file.history.append(d.change)
            file.nextReview = d.change.decision == .close ? nil : d.nextReview
            for a in d.newActions where !file.actions.contains(where: { $0.id == a.id }) { file.actions.append(a) }
            casework.put(file)
        case .actionDone(let a):
            guard var file = casework.caseFile(a.upn, track: a.track), let i = file.actions.firstIndex(where: { $0.id == a.actionId }) else { return }
            file.actions[i].doneOn = a.on
            file.actions[i].doneBy = a.by
            casework.put(file)
        case .contact(let e): casework.put(e)
        case .meeting(let m):
            casework.put(m)
            // A meeting that sets a review date is when the case is next reviewed.
            if let track = m.track, let next = m.nextReview, var file = casework.caseFile(m.upn, track: track), file.isOpen {
                file.nextReview = next
                casework.put(file)
            }
        case .timetable(let p): casework.put(p)
        case .intervention(let i): casework.put(i)
        case .penaltyNotice(let p): casework.put(p)
        case .settings(let s): settings = s
        case .registerClosed(let c): recordClosure(c)
        }
    }

    /// Applies many `.mark` changes of one pupil in one academic year at once (an import).
    public mutating func applyMarks(_ marks: [(slot: Int, mark: Mark?)], for upn: String, in year: AcademicYear) {
        register.record(marks, for: upn, in: year)
    }

    public mutating func apply(_ t: Transaction) {
        for c in t.changes { apply(c) }
    }
}

/// The letter template ids that ship in `Data/letters`, so the domain can check a policy
/// names only letters that exist. Kept in step with the files by a test.
public enum LetterTemplateIDs {
    public static let known: Set<String> = [
        "stage-1", "stage-2", "stage-3", "formal-warning", "la-involvement", "persistent-absence",
        "concern", "final-warning", "penalty-warning", "good-attendance",
        "attendance-1", "attendance-2-panel", "attendance-improved", "panel-not-improved", "panel-at-risk",
        "lateness-1", "lateness-2", "lateness-3-meeting", "punctuality-improved",
        "termly-green", "termly-amber", "termly-red",
        "plan-invitation", "plan-cover", "plan-review", "access-inclusion-referral",
        "first-day-no-contact", "cme-enquiry", "illness-support", "panel-invitation", "ehe-letter", "class-teacher-meeting",
        "concern-meeting", "notice-to-improve",
    ]
}
