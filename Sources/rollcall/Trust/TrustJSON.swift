import Attendance
import AttendanceStore

/// The stable JSON of `rollcall trust --format json` (keys in docs/json-output.md).
enum TrustJSON {
    static func row(_ r: TrustRow, store: Bool = true) -> JSONValue {
        let f = r.figures.figures
        var keys: [(String, JSONValue)] = store ? [("store", .string(r.id))] : []
        keys += [
            ("school", .string(r.name)),
            ("phase", .optional(r.phase?.rawValue)),
            ("pupils", .int(r.pupils)),
            ("possible_sessions", .int(f.possible)),
            ("attended_sessions", .int(f.attended)),
            ("authorised_absence_sessions", .int(f.authorisedAbsence)),
            ("unauthorised_absence_sessions", .int(f.unauthorisedAbsence)),
            ("attendance_percent", .optional(r.attendancePercent)),
            ("authorised_absence_percent", .optional(r.authorisedAbsencePercent)),
            ("unauthorised_absence_percent", .optional(r.unauthorisedAbsencePercent)),
            ("persistent_absentees", .int(r.figures.persistentAbsentees)),
            ("persistent_absence_percent", .optional(r.persistentAbsencePercent)),
            ("severe_absentees", .int(r.figures.severeAbsentees)),
            ("severe_absence_percent", .optional(r.severeAbsencePercent)),
        ]
        keys += casework(r)
        return .object(keys)
    }

    /// The row's casework counts, under the same keys in the command's JSON and in the
    /// figures a school publishes (`PublishedTrustRow`), which reads them back by these keys.
    static func casework(_ r: TrustRow) -> [(String, JSONValue)] {
        [
            ("pupils_at_stage", .object(StageFamily.allCases.map { ($0.rawValue, .int(r.pupils(at: $0))) })),
            ("open_cases", .int(r.openCases)),
            ("la_duties_owed", .int(r.dutiesOwed)),
            ("la_duties_overdue", .int(r.dutiesOverdue)),
            ("registers_not_taken", .int(r.registersNotTaken)),
            ("calls_not_made", .int(r.callsNotMade)),
        ]
    }

    static func national(_ n: NationalLine?) -> JSONValue {
        guard let n else { return .null }
        return .object([
            ("label", .string(n.label)),
            ("year", .string(n.year)),
            ("period", .string(n.period.rawValue)),
            ("phase", .string(n.phase.rawValue)),
            ("figures", .object(n.measures.map { ($0.rawValue, .double(n.values[$0]!)) })),
            ("tables", .object(n.measures.map { ($0.rawValue, .string(n.tables[$0] ?? "")) })),
            ("releases", .array(n.releases.map { r in
                .object([("title", .string(r.title)), ("publisher", .string(r.publisher)), ("url", .string(r.url)), ("published", .optional(r.published))])
            })),
        ])
    }

    static func object(_ v: TrustView) -> JSONValue {
        .object([
            ("as_of", .string(v.asOf.description)),
            ("from", .string(v.total.period.start.description)),
            ("to", .string(v.total.period.end.description)),
            ("sort", .string(v.sort.rawValue)),
            ("phase", .optional(v.phase?.rawValue)),
            ("schools", .array(v.rows.map { row($0) })),
            ("total", row(v.total, store: false)),
            ("not_read", .array(v.notRead.map { .object([("store", .string($0.id)), ("reason", .string($0.reason))]) })),
            ("national", .array(v.comparison.map { c in
                .object([("group", .string(c.name)), ("national", national(c.national))])
            })),
        ])
    }
}
