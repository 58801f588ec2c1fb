import Attendance

/// A trust's schools side by side, laid out as a report (text, CSV or PDF in the style of
/// `rollcall report`): the figures are `TrustRow`'s, the national line `NationalFigures`'.
public enum TrustReportDocument {
    public static let columns = ["School", "Phase", "Pupils", "Att %", "Auth %", "Unauth %", "PA %", "SA %"]
        + StageFamily.allCases.map(\.label) + ["Open cases", "LA duties owed", "Overdue", "Registers not taken", "Calls not made"]

    static func pct(_ v: Double?) -> String { v.map(PercentText.truncated) ?? "–" }

    /// A national figure as the release prints it (6.38, 5.5), not cut to one decimal.
    public static func published(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    public static func row(_ r: TrustRow) -> [String] {
        [r.name, r.phase?.rawValue ?? "–", "\(r.pupils)", pct(r.attendancePercent), pct(r.authorisedAbsencePercent),
         pct(r.unauthorisedAbsencePercent), pct(r.persistentAbsencePercent), pct(r.severeAbsencePercent)]
            + StageFamily.allCases.map { "\(r.pupils(at: $0))" }
            + ["\(r.openCases)", "\(r.dutiesOwed)", "\(r.dutiesOverdue)", "\(r.registersNotTaken)", "\(r.callsNotMade)"]
    }

    /// Each group (the trust, and each phase in it) beside the national figures for its phase.
    public static func comparisonRows(_ groups: [(name: String, row: TrustRow, national: NationalLine?)]) -> [[String]] {
        groups.flatMap { g -> [[String]] in
            let measures = NationalFigures.Measure.allCases
            let ours = [g.name] + measures.map { pct(g.row.figures.percent($0)) }
            guard let n = g.national else { return [ours, ["National: none published for this phase"] + measures.map { _ in "–" }] }
            return [ours, ["National: \(n.label)"] + measures.map { n.values[$0].map(published) ?? "–" }]
        }
    }

    public static func document(rows: [TrustRow], total: TrustRow, notRead: [(id: String, reason: String)],
                                comparison: [(name: String, row: TrustRow, national: NationalLine?)],
                                asOf: SchoolDate, sort: TrustSort, phase: SchoolPhase?) -> ReportDocument {
        var lines = ["The academic year to \(asOf.spoken): \(total.period.start.spoken) to \(total.period.end.spoken)."
            + (phase.map { " \($0.rawValue.capitalized) schools only." } ?? "")]
        lines.append("Pupils of compulsory school age. PA: persistent absence, 10% or more of possible sessions missed; SA: severe, 50% or more. The total is worked out from the sums, not averaged. Percentages are cut to one decimal, never rounded up.")
        lines.append("Stage families: each pupil with an open case once, at the highest of their cases (each school's own policy). Sorted by \(sort.rawValue)\(sort == .concern ? " (LA duties overdue, then PA %, unauthorised %, attendance)" : "").")
        var parts: [ReportDocument.Part] = [
            .table(.init("Schools", columns: columns, rows: rows.map(row) + [row(total)])),
        ]
        if !notRead.isEmpty {
            parts.append(.table(.init("Schools not read", columns: ["Store", "Why"], rows: notRead.map { [$0.id, $0.reason] },
                                      note: "Their figures are not in the total.")))
        }
        let sources = Set(comparison.compactMap { $0.national?.source }).sorted()
        parts.append(.table(.init("Compared with England", columns: ["Group"] + NationalFigures.Measure.allCases.map(\.label),
                                  rows: comparisonRows(comparison),
                                  note: (["Source: " + (sources.isEmpty ? "no national figures for these phases" : sources.joined(separator: "; "))]
                                         + ["National figures are for the published period named; the trust's are the year to date. A dash: not published in the release read."])
                                      .joined(separator: " "))))
        return ReportDocument(school: "Trust: \(rows.count) school\(rows.count == 1 ? "" : "s")", title: "Attendance across the trust, \(asOf.spoken)",
                              lines: lines, parts: parts)
    }
}
