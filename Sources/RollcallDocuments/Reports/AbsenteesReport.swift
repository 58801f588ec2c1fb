import Attendance


/// A session's absentees: who, class, code, whether the reason is known, whom to call.
public enum AbsenteesReport {
    public static func document(_ school: School, at session: Session) -> ReportDocument {
        let entries = school.absentees(at: session)
        let unknown = entries.filter { !$0.reasonKnown }.count
        let untaken = school.registersNotTaken(at: session)
        let rows = entries.map { e in
            [e.pupil.fullName, e.pupil.registrationGroup, e.mark.code.symbol,
             e.reasonKnown ? e.mark.code.meaning : "NOT KNOWN: call",
             e.firstContact.map { "\($0.name) (\($0.relationship))" } ?? "none recorded",
             e.firstContact?.phones.first ?? ""]
        } + untaken.map { ["", $0.group, "", "register not yet taken (\($0.marked) of \($0.onRoll) marked)", "", ""] }
        return ReportDocument(
            school: school.name, title: "Absentees \(session.date.spoken) \(session.half.label)",
            lines: ["\(Counted.of(entries.count, "pupil")) absent or late; reason not known for \(unknown)"] + (UntakenRegister.sentence(untaken).map { [$0] } ?? []),
            parts: [.table(.init("Absent or late", columns: ["Pupil", "Class", "Code", "Reason", "First contact", "Phone"], rows: rows,
                                 note: entries.isEmpty && untaken.isEmpty ? "Nobody is absent or late in this session." : nil))])
    }
}
