import Attendance


/// The governors' report laid out: the figures are `GovernorsReport`'s.
public enum GovernorsReportDocument {
    static let columns = ["Group", "Pupils", "Att %", "Change", "PA %", "Change", "SA %", "Unauth %", "Pupils before", "Att % before"]

    static func row(_ r: GovernorsReport.Row) -> [String] {
        let n = r.now, f = n.figures
        return [r.name, "\(n.pupilCount)", PercentText.attendance(f), r.attendanceChange ?? "–",
                n.persistentAbsenceRate.map(PercentText.truncated) ?? "–", r.persistentAbsenceChange ?? "–",
                n.severeAbsenceRate.map(PercentText.truncated) ?? "–", PercentText.of(f.unauthorisedAbsence, f.possible) ?? "–",
                r.before.map { "\($0.pupilCount)" } ?? "–", r.before.map { PercentText.attendance($0.figures) } ?? "–"]
    }

    /// The school's year so far beside England's published figures for its phase (`national`:
    /// the DfE's figures; none, no table).
    static func nationalTable(_ report: GovernorsReport, national: NationalFigures?) -> ReportDocument.Table? {
        guard let national else { return nil }
        let measures = NationalFigures.Measure.allCases
        let ours = ["This school, year to date"] + measures.map { report.yearToDate.percent($0).map(PercentText.truncated) ?? "–" }
        guard let line = national.line(for: report.phase, asOf: report.asOf) else {
            return .init("Compared with England", columns: ["Group"] + measures.map(\.label), rows: [ours],
                         note: "No national figures for this phase and period are shipped with Rollcall.")
        }
        return .init("Compared with England", columns: ["Group"] + measures.map(\.label),
                     rows: [ours, ["National: \(line.label)"] + measures.map { line.values[$0].map(TrustReportDocument.published) ?? "–" }],
                     note: "Source: \(line.source). National figures are for the published period named; a dash: not published in the release read.")
    }

    public static func document(_ report: GovernorsReport, school: School, national: NationalFigures? = nil) -> ReportDocument {
        let p = report.period
        var lines = ["This half-term so far: \(p.start.spoken) to \(p.end.spoken)."]
        if let b = report.previousPeriod {
            lines.append("Changes are in percentage points since the half-term before, \(b.start.spoken) to \(b.end.spoken).")
        } else {
            lines.append("This is the first half-term of the year: there is no earlier half-term to compare with.")
        }
        lines.append("PA: persistent absence, 10% or more of possible sessions missed; SA: severe, 50% or more. Percentages are cut to one decimal, never rounded up.")
        let weekdayRows = report.weekdays.map { d in
            [d.day.shortName, "\(d.figures.possible)", PercentText.of(d.figures.absent, d.figures.possible) ?? "–",
             PercentText.of(d.figures.unauthorisedAbsence, d.figures.possible) ?? "–"]
        }
        return ReportDocument(
            school: school.name, title: "Attendance report to governors, \(report.asOf.spoken)", lines: lines,
            parts: [
                .table(.init("The school", columns: columns, rows: [row(report.school)])),
                .table(.init("Year groups", columns: columns, rows: report.yearGroups.map(row))),
                .table(.init("Vulnerable groups", columns: columns, rows: report.vulnerableGroups.map(row),
                             note: "PP: pupil premium; FSM: free school meals; CIN: child in need; CP: child protection plan; CLA: looked after.")),
                .chart(.init("Attendance week by week this year", bars: report.weeks.map { ("\($0.weekStart.components.day)/\($0.weekStart.components.month)", $0.figures.attendancePercent) }, line: 90)),
                .table(.init("Absence by day of the week", columns: ["Day", "Possible", "Absence %", "Unauthorised %"], rows: weekdayRows)),
                .table(.init("Codes used this half-term", columns: ["Code", "Meaning", "Sessions"],
                             rows: report.codesUsed.map { [$0.code.symbol, $0.code.meaning, "\($0.sessions)"] })),
            ] + (nationalTable(report, national: national).map { [.table($0)] } ?? []))
    }
}
