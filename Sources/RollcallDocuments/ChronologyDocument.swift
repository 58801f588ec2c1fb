import Attendance
import Foundation

/// What a panel meeting, an LA referral or a penalty-notice request takes: the pupil, their
/// contacts and vulnerabilities, the figures now and at each review, the weeks of the year,
/// then everything recorded in date order. Sensitive words only for staff who may read them
/// (the domain's chronology withholds them for everyone else).
public struct ChronologyDocument: Sendable {
    public var title: String
    public var header: [String]
    public var weeks: [(String, String)]
    public var entries: [ChronologyEntry]

    /// `amendments`: register amendments from the audit trail, as chronology entries.
    public init(school: School, upn: String, asOf date: SchoolDate, viewer: StaffMember, amendments: [ChronologyEntry]) throws {
        guard let p = school.pupils[upn] else { throw DocumentError("no pupil with UPN \(upn)") }
        let stats = school.statistics
        let year = Statistics.yearToDate(date)
        let f = stats.figures(for: upn, in: year)
        title = "Chronology: \(p.fullName)"
        var h = ["\(school.name)", "\(p.fullName) (legal name \(p.legalForename) \(p.legalSurname)), born \(p.dateOfBirth.spoken), \(p.yearGroup), \(p.registrationGroup), UPN \(p.upn)"]
        let flags = p.flags.set.map(\.rawValue)
        h.append("Vulnerabilities: " + (flags.isEmpty ? "none recorded" : flags.joined(separator: ", ")))
        for (i, c) in p.contacts.enumerated() {
            h.append("Contact \(i + 1): \(c.name) (\(c.relationship)) \(c.phones.joined(separator: ", "))" + (c.parentalResponsibility ? ", parental responsibility" : ""))
        }
        let recent = stats.unauthorisedInRecentSchoolWeeks(for: upn, asOf: date)
        h.append("As of \(date.spoken): attendance \(PercentText.attendance(f))% this year (\(f.attended) of \(f.possible) sessions); \(f.authorisedAbsence) authorised and \(f.unauthorisedAbsence) unauthorised absences; \(recent.total) unauthorised sessions in the last 10 school weeks")
        for file in school.casework.cases(for: upn) {
            for d in file.history {
                let decision = d.decision.rawValue.replacingOccurrences(of: "_", with: " ")
                let track = file.track.replacingOccurrences(of: "_", with: " ")
                var pct = "–"
                if let v = d.figures.attendancePercent { pct = PercentText.of(Int((v * 10).rounded(.down)), 1000) ?? "–" }
                h.append("At the \(decision) on \(d.on.spoken) (\(track)): attendance \(pct)%, by \(d.by): \(d.reason)")
            }
            if file.isOpen { h.append("Now: \(file.track.replacingOccurrences(of: "_", with: " ")) at \(file.stage ?? "")" + (file.nextReview.map { ", next review \($0.spoken)" } ?? "")) }
        }
        header = h
        weeks = stats.weeklyFigures(for: [upn], in: year).map { ("w/c \($0.weekStart.spoken)", PercentText.attendance($0.figures) + "%") }
        entries = (school.chronology(for: upn, viewer: viewer) + amendments).sorted { ($0.on, $0.time ?? "") < ($1.on, $1.time ?? "") }
    }

    public var text: String {
        var out = [title, ""] + header + ["", "Weekly attendance this year"] + weeks.map { "  \($0.0): \($0.1)" } + ["", "Everything recorded, oldest first"]
        for e in entries { out.append("  \(e.on) \(e.time ?? "     ") \(e.kind.rawValue) (\(e.by)): \(e.text)") }
        return out.joined(separator: "\n") + "\n"
    }

    public var csv: String {
        let rows = [["date", "time", "kind", "by", "entry", "sensitive_withheld"]]
            + entries.map { [$0.on.description, $0.time ?? "", $0.kind.rawValue, $0.by, $0.text, $0.hidden ? "yes" : "no"] }
        return rows.map(CSVWriter.reportRow).joined()
    }

    public func writePDF(to path: String) throws {
        let pdf = try PDFPages(path: path)
        pdf.text(title, font: .init(15, bold: true))
        for line in header { pdf.text(line, font: .init(9.5)) }
        pdf.space(8)
        pdf.text("Weekly attendance this year", font: .init(11, bold: true))
        pdf.text(weeks.map { "\($0.0): \($0.1)" }.joined(separator: "   "), font: .init(8.5))
        pdf.space(8)
        pdf.text("Everything recorded, oldest first", font: .init(11, bold: true))
        for e in entries {
            pdf.keep(24)
            let start = pdf.y
            pdf.text("\(e.on.spoken) \(e.time ?? "")", width: 90, font: .init(8.5), grey: 0.3, advance: false)
            pdf.text(e.kind.rawValue, x: pdf.margin + 92, width: 70, font: .init(8.5, bold: true), advance: false)
            pdf.y = start
            let h = pdf.text("\(e.text)  — \(e.by)", x: pdf.margin + 165, width: pdf.contentWidth - 165, font: .init(9), grey: e.hidden ? 0.45 : 0)
            _ = h
            pdf.space(3)
        }
        try pdf.finish()
    }
}
