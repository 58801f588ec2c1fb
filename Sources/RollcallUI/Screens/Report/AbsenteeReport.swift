import Attendance
import Foundation

/// `:report absentees`: the whole school for one session, on screen and as files.
public struct AbsenteeReport: Sendable {
    public var session: Session
    public var entries: [AbsenteeEntry] = []
    /// Classes whose register is not yet (all) taken: their absentees are not in `entries`.
    public var untaken: [UntakenRegister] = []
    public var cursor = ListCursor()

    init(session: Session, state: AppState) {
        self.session = session
        rebuild(state)
    }

    mutating func rebuild(_ state: AppState) {
        entries = state.school.absentees(at: session)
        untaken = state.school.registersNotTaken(at: session)
        cursor.clamp(count: entries.count, page: state.bodyHeight - 2)
    }

    static let columns = ["Pupil", "Class", "Code", "Reason", "Late", "First contact", "Phone"]

    func cells(_ e: AbsenteeEntry) -> [String] {
        [e.pupil.fullName, e.pupil.registrationGroup, e.mark.code.symbol,
         e.reasonKnown ? e.mark.code.meaning : "NOT KNOWN: call",
         e.mark.minutesLate.map { "\($0) min" } ?? "",
         e.firstContact.map { "\($0.name) (\($0.relationship))" } ?? "none recorded",
         e.firstContact?.phones.first ?? ""]
    }

    var title: String { "Absentees \(session.date.spoken) \(session.half.label)" }

    /// The report as a text file: aligned columns, a title and the count.
    func text(school: String) -> String {
        let rows = entries.map(cells)
        let widths = AbsenteeReport.columns.indices.map { i in ([AbsenteeReport.columns[i]] + rows.map { $0[i] }).map(DisplayWidth.of).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, c) in cells.enumerated() { s += (i == cells.count - 1 ? c : fit(c, widths[i]) + "  ") }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let unknown = entries.filter { !$0.reasonKnown }.count
        let missing = UntakenRegister.sentence(untaken).map { [$0] } ?? []
        return ([school, title, "\(plural(entries.count, "pupil")) absent or late; reason not known for \(unknown)"] + missing + ["", line(AbsenteeReport.columns)]
            + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The report as CSV (RFC 4180 quoting).
    var csv: String {
        let header = ["upn", "pupil", "class", "code", "meaning", "reason_known", "minutes_late", "first_contact", "relationship", "phone"]
        let rows = entries.map { e in
            [e.pupil.upn, e.pupil.fullName, e.pupil.registrationGroup, e.mark.code.symbol, e.mark.code.meaning,
             e.reasonKnown ? "yes" : "no", e.mark.minutesLate.map(String.init) ?? "",
             e.firstContact?.name ?? "", e.firstContact?.relationship ?? "", e.firstContact?.phones.first ?? ""]
        }
        // A register not yet taken is a row of its own (the class, and why it has no pupils).
        let untakenRows = untaken.map { u in ["", "", u.group, "", "register not yet taken (\(u.marked) of \(u.onRoll) marked)", "", "", "", "", ""] }
        return ([header] + rows + untakenRows).map(CSVWriter.reportRow).joined()
    }

    var fileStem: String { "absentees-\(session.date)-\(session.half.label)" }
}

extension AppState {
    mutating func reportKey(_ key: Key, _ r: inout AbsenteeReport) -> [Effect] {
        guard let command = Bindings.command(for: key, on: .report) else { return [] }
        if r.cursor.move(command, count: r.entries.count, page: bodyHeight - 2) { return [] }
        switch command {
        case .open:
            if r.entries.indices.contains(r.cursor.selected) { return openPupil(r.entries[r.cursor.selected].pupil.upn) }
        case .writeReport:
            status = StatusLine("Writing the report…", .dim)
            return [.writeReport(files: [ReportFile(name: r.fileStem + ".txt", contents: r.text(school: school.name)),
                                         ReportFile(name: r.fileStem + ".csv", contents: r.csv)])]
        default: break
        }
        return []
    }
}

extension AbsenteeReport: ScreenState {
    static let kind = ScreenKind.report
    var asScreen: Screen { .report(self) }
    static var commands: [AppCommand] {
        [AppCommand("report", [.oneOf([.init("absentees", "everyone absent or late this session")]), .half],
                    "Everyone absent or late this session, with a contact to call") { s, input in
            guard input.choice == "absentees" else {
                s.status = StatusLine("Reports: :report absentees [AM|PM]", .warning)
                return []
            }
            s.push(.report(AbsenteeReport(session: Session(s.context.today, input.half ?? s.context.currentHalf), state: s)))
            return []
        }]
    }
    func title(in app: AppState) -> String {
        title + " · \(plural(entries.count, "pupil")) · reason not known for \(entries.filter { !$0.reasonKnown }.count)"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.reportKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawReport(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
}
