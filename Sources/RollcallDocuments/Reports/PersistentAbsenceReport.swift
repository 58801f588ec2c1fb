import Attendance


/// Persistent and severe absentees this academic year, with their figures and stage.
public enum PersistentAbsenceReport {
    public static func document(_ school: School, asOf date: SchoolDate) -> ReportDocument {
        let range = Statistics.yearToDate(date)
        let list = school.persistentAbsentees(in: range)
        let severe = list.filter { $0.figures.isSevereAbsence }.count
        let rows = list.map { a in
            [a.pupil.fullName, a.pupil.upn, a.pupil.yearGroup.description, a.pupil.registrationGroup,
             "\(a.figures.possible)", PercentText.attendance(a.figures), "\(a.figures.authorisedAbsence)",
             "\(a.figures.unauthorisedAbsence)", a.figures.isSevereAbsence ? "SA" : "PA",
             a.stages.isEmpty ? "no open case" : a.stages.joined(separator: "; ")]
        }
        return ReportDocument(
            school: school.name, title: "Persistent and severe absence, \(range.start.spoken) to \(range.end.spoken)",
            lines: ["\(Counted.of(list.count, "pupil")) persistently absent (10% or more of possible sessions), \(severe) of them severely (50% or more)"],
            parts: [.table(.init("Pupils", columns: ["Pupil", "UPN", "Year", "Class", "Possible", "Att %", "Auth", "Unauth", "PA/SA", "Stage"],
                                 rows: rows, note: list.isEmpty ? "No pupil is persistently absent." : nil))])
    }
}
