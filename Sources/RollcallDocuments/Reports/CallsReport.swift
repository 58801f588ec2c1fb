import Attendance


/// The first-day calling sheet: every pupil absent with no reason, vulnerable first, with
/// every number to try and room to write what happened.
public enum CallsReport {
    public static func document(_ school: School, on day: SchoolDate, viewer: StaffMember) -> ReportDocument {
        let list = school.callingList(on: day)
        let rows = list.map { e -> [String] in
            let contacts = e.contacts.enumerated().map { i, c in
                "\(i + 1). \(c.name) (\(c.relationship)\(c.parentalResponsibility ? ", PR" : "")) \(c.phones.joined(separator: ", "))"
            }.joined(separator: "\n")
            let notes = (e.triedToday.map { "tried: \($0.visible(to: viewer).summary)" } + e.nextSteps + e.duties.map { "DUTY: \($0)" })
            return [(e.vulnerable ? "! " : "") + e.pupil.fullName, e.pupil.registrationGroup, "\(e.daysUnexplained)",
                    contacts, e.stage ?? "", notes.joined(separator: "\n"), ""]
        }
        return ReportDocument(
            school: school.name, title: "First-day calling, \(day.spoken)",
            lines: ["\(Counted.of(list.count, "pupil")) absent with no reason; ! marks a safeguarding priority, called first"],
            parts: [.table(.init("To call", columns: ["Pupil", "Class", "Days", "Contacts", "Stage", "Next", "Outcome"], rows: rows,
                                 note: list.isEmpty ? "Nobody to call: every absence has a reason." : nil))])
    }
}
