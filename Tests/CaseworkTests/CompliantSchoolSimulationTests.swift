import Attendance
import AttendanceStore
import Testing

/// Issue 19: a "compliant school". The autumn term is simulated day by day under each
/// preset: every school day's marks are recorded, every recommendation is applied as the
/// engine gives it, and every action is done the day it is set. What families would then
/// be sent is checked against the law and the facts.
@Suite("Issue 19: a compliant school, simulated day by day")
struct CompliantSchoolSimulationTests {
    /// Letters that warn of a penalty notice or the LA's statutory powers.
    static let enforcementLetters: Set<String> = ["final-warning", "penalty-warning", "formal-warning", "la-involvement"]
    /// Letters that tell a family attendance "has not improved".
    static let notImprovedLetters: Set<String> = ["attendance-2-panel", "class-teacher-meeting", "final-warning",
                                                  "access-inclusion-referral", "la-involvement", "panel-not-improved"]

    /// Each pupil's mark for a session, by school-day number (0 = 1 Sep) and half.
    static let patterns: [(upn: String, mark: @Sendable (Int, SessionHalf) -> AttendanceCode?)] = [
        ("ILL", { d, _ in d < 30 && d % 5 < 2 ? .illness : nil }),                 // 60% in Sep–Oct, then back
        ("PART", { _, h in h == .pm ? .partTimeTimetable : nil }),                 // C2 every afternoon
        ("SUSP", { d, _ in (25..<40).contains(d) ? .excluded : nil }),             // suspended for three weeks
        ("IMPROVER", { d, _ in d < 15 ? .unknownReason : nil }),                   // three weeks away, then every day
        ("DECLINER", { d, _ in d >= 30 && d % 5 == 4 ? .unknownReason : nil }),    // Fridays missed from October
        ("HOLIDAY", { d, _ in (50..<60).contains(d) ? .holidayNotGranted : nil }), // two weeks' holiday not granted
        ("WOBBLER", { d, h in d % 10 == 3 ? .illness : (d % 15 == 7 && h == .am ? .unknownReason : nil) }),
        ("MIXED", { d, _ in d % 7 == 2 ? .illness : (d % 9 == 4 ? .reasonNotYetEstablished : nil) }),
        ("LATE", { d, h in h == .am && d % 3 == 0 ? .lateBeforeClose : nil }),
        ("FINE", { _, _ in nil }),
    ]

    @Test(arguments: ["bridgewater-park", "attendance-bands", "east-sussex-federation", "heath-primary", "pa-procedures"])
    func aTermOfRecommendationsAppliedTellsNoFamilyAnythingUntrue(policy id: String) throws {
        var s = try CaseworkSchool(policy: id)
        let head = s.school.staff["head"]!
        let term = DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-12-19")!)
        let days = term.days.filter { d in CaseworkSchool.calendar.isOpen(Session(d, .am)) }
        for p in Self.patterns { s.pupil(p.upn, upTo: SchoolDate("2025-08-31")!) }
        let policy = try #require(s.school.casework.policy)
        let weeks = policy.reopenAfterWeeks ?? Policy.defaultReopenAfterWeeks

        var problems: [String] = []
        var lettersSent = 0, closes = 0, reviews = 0
        var closedAtReview: [String: SchoolDate] = [:]

        for (n, day) in days.enumerated() {
            for p in Self.patterns {
                for half in SessionHalf.allCases {
                    let code = p.mark(n, half) ?? (half == .am ? .presentAM : .presentPM)
                    s.school.register.record(code == .lateBeforeClose ? Mark(code, minutesLate: 5) : Mark(code), for: p.upn, at: Session(day, half))
                }
            }
            let engine = try #require(CaseworkEngine(school: s.school, asOf: day))
            var decisions: [CaseDecision] = []
            for p in Self.patterns {
                let m = engine.measures(for: p.upn)
                for r in engine.recommendations(for: p.upn) {
                    let kind: StageChange.Decision
                    switch r.kind {
                    case .enter: kind = .enter
                    case .escalate: kind = .escalate
                    case .stepDown: kind = .stepDown
                    case .close: kind = .close
                    case .reviewDue: kind = .review
                    case .hold, .actionOverdue: continue
                    }
                    guard let track = policy.track(r.track),
                          let d = engine.decision(upn: p.upn, track: r.track, decision: kind, to: r.recommendedStage,
                                                  reason: "as recommended", on: day, recommended: r) else { continue }
                    let key = "\(p.upn)|\(r.track)"
                    let before = s.school.casework.caseFile(p.upn, track: r.track)
                    let stage = track.stages.first { $0.id == r.recommendedStage }
                    for a in d.newActions {
                        guard let t = a.template else { continue }
                        lettersSent += 1
                        if Self.enforcementLetters.contains(t) || stage?.isEnforcement == true, m.recentUnauthorised.total == 0 {
                            problems.append("\(day.spoken) \(p.upn): \(t) with no unauthorised session in 10 school weeks (\(r.reasons))")
                        }
                        if Self.notImprovedLetters.contains(t), let was = before?.lastReview?.figures.attendancePercent,
                           let now = m.attendancePercent, now > was {
                            problems.append("\(day.spoken) \(p.upn): \(t) says \"not improved\" but attendance rose from \(was) to \(now)")
                        }
                    }
                    switch kind {
                    case .close:
                        closes += 1
                        if let from = before?.stage, let st = track.stages.first(where: { $0.id == from }), st.atReview != nil, st.closeWhen == nil {
                            closedAtReview[key] = day
                        }
                    case .enter:
                        if let closed = closedAtReview[key], day < s.school.statistics.schoolDays.adding(schoolWeeks: weeks, to: closed) {
                            problems.append("\(day.spoken) \(p.upn) \(r.track): reopened within \(weeks) school weeks of closing on \(closed.spoken)")
                        }
                    case .review: reviews += 1
                    default: break
                    }
                    decisions.append(d)
                }
            }
            for d in decisions { try s.commit(Transaction([.caseDecision(d)], reason: "as recommended"), by: head) }
            // Every action is done the day it is set.
            var done: [Change] = []
            for file in s.school.casework.openCases {
                for a in file.actions where a.doneOn == nil {
                    done.append(.actionDone(ActionDone(upn: file.upn, track: file.track, actionId: a.id, on: day)))
                }
            }
            if !done.isEmpty { try s.commit(Transaction(done, reason: "done"), by: head) }
        }
        #expect(problems.isEmpty, "\(id): \(problems.joined(separator: "\n"))")
        // The term did exercise the casework: letters, reviews and closes.
        #expect(lettersSent > 0 && reviews + closes > 0, "\(id): \(lettersSent) letters, \(reviews) reviews, \(closes) closes")
    }
}
