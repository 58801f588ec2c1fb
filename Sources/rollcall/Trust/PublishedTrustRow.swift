import Attendance
import AttendanceStore
import Foundation

/// A school's trust row as its staff publish it to the database for the trust's view
/// (`rollcall.publish_figures`): the counts every figure is worked out from (sessions by code,
/// pupils, PA and SA absentees, pupils at each stage family, cases, duties, registers, calls),
/// so the trust's total is made from sums as it is from stores. No pupil is in it.
enum PublishedTrustRow {
    static func json(_ r: TrustRow) -> String {
        let f = r.figures.figures
        return JSONValue.object([
            ("school", .string(r.name)),
            ("phase", .optional(r.phase?.rawValue)),
            ("as_of", .string(r.asOf.description)),
            ("from", .string(r.period.start.description)),
            ("pupils", .int(r.figures.pupilCount)),
            ("sessions_by_code", .object(AttendanceCode.allCases.compactMap { c in f.count(c) > 0 ? (c.symbol, .int(f.count(c))) : nil })),
            ("minutes_late", .int(f.minutesLate)),
            ("persistent_absentees", .int(r.figures.persistentAbsentees)),
            ("severe_absentees", .int(r.figures.severeAbsentees)),
        ] + TrustJSON.casework(r)).rendered()
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The row back from what was published; anything missing or of the wrong kind is refused
    /// (a row of zeros would be a false figure).
    static func row(_ text: String, id: String) throws -> TrustRow {
        guard let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Unreadable(description: "its published figures are not a JSON object")
        }
        func int(_ key: String) throws -> Int {
            guard let n = o[key] as? Int else { throw Unreadable(description: "its published figures have no \(key)") }
            return n
        }
        func date(_ key: String) throws -> SchoolDate {
            guard let s = o[key] as? String, let d = SchoolDate(s) else { throw Unreadable(description: "its published figures have no \(key)") }
            return d
        }
        guard let name = o["school"] as? String, let byCode = o["sessions_by_code"] as? [String: Int],
              let stages = o["pupils_at_stage"] as? [String: Int] else {
            throw Unreadable(description: "its published figures lack the school, the sessions or the stages")
        }
        var counts: [AttendanceCode: Int] = [:]
        for (symbol, n) in byCode {
            guard let code = AttendanceCode(rawValue: symbol) else { throw Unreadable(description: "its published figures have an unknown code \(symbol)") }
            counts[code] = n
        }
        var atStage: [StageFamily: Int] = [:]
        for (family, n) in stages { if let f = StageFamily(rawValue: family) { atStage[f] = n } }
        let asOf = try date("as_of")
        let figures = CohortFigures(name: name, pupilCount: try int("pupils"),
                                    figures: AttendanceFigures(counts: counts, minutesLate: try int("minutes_late")),
                                    persistentAbsentees: try int("persistent_absentees"), severeAbsentees: try int("severe_absentees"))
        var row = TrustRow(name: name, phase: (o["phase"] as? String).flatMap(SchoolPhase.init(rawValue:)), asOf: asOf,
                           period: DateRange(try date("from"), asOf), figures: figures, pupilsAtStage: atStage,
                           openCases: try int("open_cases"), dutiesOwed: try int("la_duties_owed"), dutiesOverdue: try int("la_duties_overdue"),
                           registersNotTaken: try int("registers_not_taken"), callsNotMade: try int("calls_not_made"))
        row.id = id
        return row
    }
}
