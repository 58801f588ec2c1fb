import Attendance


/// The data-quality report laid out: the problems are `DataQuality`'s.
public enum DataQualityReport {
    public static func document(_ q: DataQuality, school: School) -> ReportDocument {
        func pupil(_ p: Pupil) -> [String] { [p.fullName, p.upn, p.registrationGroup] }
        func session(_ s: Session) -> String { "\(s.date) \(s.half.label)" }
        let none = "None."
        return ReportDocument(
            school: school.name, title: "Data quality, \(q.asOf.spoken)",
            lines: [q.problemCount == 0 ? "Nothing to put right." : "\(Counted.of(q.problemCount, "problem")) to put right."],
            parts: [
                .table(.init("N marks older than \(DataQuality.nSchoolDays) school days", columns: ["Pupil", "UPN", "Class", "Session"],
                             rows: q.staleN.map { pupil($0.pupil) + [session($0.session)] }, note: q.staleN.isEmpty ? none : nil)),
                .table(.init("Sessions with no mark", columns: ["Session", "Pupils with no mark"],
                             rows: q.unmarked.map { [session($0.session), $0.pupils.count > 5
                                ? $0.pupils.prefix(5).map(\.fullName).joined(separator: ", ") + " and \($0.pupils.count - 5) more"
                                : $0.pupils.map(\.fullName).joined(separator: ", ")] },
                             note: q.unmarked.isEmpty ? none : nil)),
                .table(.init("C2 marks with no part-time timetable recorded", columns: ["Pupil", "UPN", "Class", "Session"],
                             rows: q.uncoveredC2.map { pupil($0.pupil) + [session($0.session)] }, note: q.uncoveredC2.isEmpty ? none : nil)),
                .table(.init("Part-time timetables past 6 weeks", columns: ["Pupil", "UPN", "Class", "Starts", "Ends", "Review"],
                             rows: q.longTimetables.map { pupil($0.pupil) + [$0.timetable.starts.description, $0.timetable.ends.description, $0.timetable.reviewOn.description] },
                             note: q.longTimetables.isEmpty ? none : nil)),
                .table(.init("Pupils with no contact phone", columns: ["Pupil", "UPN", "Class"],
                             rows: q.noContactPhone.map(pupil), note: q.noContactPhone.isEmpty ? none : nil)),
                .table(.init("Cases with overdue reviews", columns: ["Pupil", "UPN", "Class", "Track", "Stage", "Review was due"],
                             rows: q.overdueReviews.map { pupil($0.pupil) + [$0.track, $0.stage, $0.due.description] },
                             note: q.overdueReviews.isEmpty ? none : nil)),
            ])
    }
}
