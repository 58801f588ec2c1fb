@testable import Attendance
import Testing

/// The panel's and `rollcall caseload`'s order: unexplained runs (children missing education),
/// then severe absence, then overdue actions, then persistent absence, then the rest, each by
/// attendance, lowest first.
@Suite("Most urgent first")
struct UrgencyTests {
    func rec(_ upn: String, percent: Double?, run: Int = 0, kind: Recommendation.Kind = .hold, overdue: Bool = false) -> Recommendation {
        let action = CaseAction(id: "a", kind: "call", description: "ring home", template: nil, owner: "office", due: SchoolDate("2026-11-01")!)
        return Recommendation(upn: upn, track: "attendance", stage: "step-1", kind: kind, recommendedStage: nil, reasons: [], nextReview: nil,
                              overdueActions: overdue ? [action] : [],
                              figures: CaseFigures(attendancePercent: percent, unauthorisedSessions10Weeks: 0, latesHalfTerm: 0,
                                                   consecutiveUnexplainedDays: run, absenceDays: 0))
    }

    @Test func theOrderIsByTierThenAttendance() {
        let rows = [
            rec("A-other", percent: 95),
            rec("B-pa", percent: 88),
            rec("C-overdue", percent: 94, kind: .actionOverdue, overdue: true),
            rec("D-severe", percent: 45),
            rec("E-run", percent: 97, run: 2),
            rec("F-run-long", percent: 99, run: 6),
            rec("G-pa-lower", percent: 80),
            rec("H-severe-lower", percent: 30),
        ]
        let ordered = CaseUrgency.ordered(rows) { $0 }.map(\.upn)
        #expect(ordered == ["F-run-long", "E-run", "H-severe-lower", "D-severe", "C-overdue", "G-pa-lower", "B-pa", "A-other"])
        #expect(CaseUrgency(rows[1]) == .persistentAbsence && CaseUrgency(rows[3]) == .severeAbsence)
    }

    /// Two pupils of the same name on the same track: the roll's order decides, whatever order
    /// the rows came in (the panel gathers them unsorted).
    @Test func theLastTieIsTheRollsOrder() {
        let rows = [rec("Z9", percent: 80), rec("A1", percent: 80), rec("M5", percent: 80)]
        let roll = ["M5", "Z9", "A1"]
        let ordered = CaseUrgency.ordered(rows, name: { _ in "Smith, Ann" },
                                          inRollOrder: { roll.firstIndex(of: $0)! < roll.firstIndex(of: $1)! })
        #expect(ordered.map(\.upn) == roll)
        #expect(CaseUrgency.ordered(rows.reversed(), name: { _ in "Smith, Ann" },
                                    inRollOrder: { roll.firstIndex(of: $0)! < roll.firstIndex(of: $1)! }).map(\.upn) == roll)
    }
}
