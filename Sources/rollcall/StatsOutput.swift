import Attendance
import AttendanceStore
import Foundation

/// The stable JSON of `rollcall stats --format json`: one object per pupil, these keys exactly.
enum PupilStatsJSON {
    static func object(_ row: PupilStatsRow) -> JSONValue {
        let f = row.figures
        return .object([
            ("upn", .string(row.pupil.upn)),
            ("possible_sessions", .int(f.possible)),
            ("attended_sessions", .int(f.attended)),
            ("authorised_absence_sessions", .int(f.authorisedAbsence)),
            ("unauthorised_absence_sessions", .int(f.unauthorisedAbsence)),
            ("attendance_percent", .optional(f.attendancePercent)),  // null when nothing was possible
            ("persistent_absence", .bool(f.isPersistentAbsence)),
            ("severe_absence", .bool(f.isSevereAbsence)),
            ("late_before_close_sessions", .int(f.lateBeforeClose)),
            ("late_after_close_sessions", .int(f.lateAfterClose)),
            ("unauthorised_sessions_last_10_school_weeks", .int(row.recent.total)),
            ("consecutive_unexplained_absence_days", .int(row.unexplainedDays)),
        ])
    }

    static func render(_ rows: [PupilStatsRow]) -> String { JSONValue.array(rows.map(object)).rendered() }

    static let keys = ["upn", "possible_sessions", "attended_sessions", "authorised_absence_sessions",
                       "unauthorised_absence_sessions", "attendance_percent", "persistent_absence", "severe_absence",
                       "late_before_close_sessions", "late_after_close_sessions",
                       "unauthorised_sessions_last_10_school_weeks", "consecutive_unexplained_absence_days"]
}

enum CohortJSON {
    static func object(_ cohort: CohortFigures) -> JSONValue {
        let f = cohort.figures
        return .object([
            ("cohort", .string(cohort.name)),
            ("pupils", .int(cohort.pupilCount)),
            ("possible_sessions", .int(f.possible)),
            ("attended_sessions", .int(f.attended)),
            ("authorised_absence_sessions", .int(f.authorisedAbsence)),
            ("unauthorised_absence_sessions", .int(f.unauthorisedAbsence)),
            ("attendance_percent", .optional(f.attendancePercent)),
            ("persistent_absentees", .int(cohort.persistentAbsentees)),
            ("persistent_absence_percent", .optional(cohort.persistentAbsenceRate)),
            ("severe_absentees", .int(cohort.severeAbsentees)),
            ("severe_absence_percent", .optional(cohort.severeAbsenceRate)),
            ("late_before_close_sessions", .int(f.lateBeforeClose)),
            ("late_after_close_sessions", .int(f.lateAfterClose)),
            ("minutes_late", .int(f.minutesLate)),
        ])
    }

    static func render(_ cohorts: [CohortFigures]) -> String { JSONValue.array(cohorts.map(object)).rendered() }
}

/// Plain-text tables for people at a terminal.
enum PupilStatsTable {
    static func render(_ rows: [PupilStatsRow], range: DateRange) -> String {
        var t = TextTable(columns: ["UPN", "Name", "Year", "Group", "Poss", "Att", "Att %", "Auth", "Unauth",
                                    "PA", "SA", "L", "U", "Mins late", "Unauth 10wk", "Days N/O"])
        for r in rows {
            let f = r.figures
            t.add([r.pupil.upn, r.pupil.listName, r.pupil.yearGroup.description, r.pupil.registrationGroup,
                   "\(f.possible)", "\(f.attended)", percent(f.attendancePercent), "\(f.authorisedAbsence)",
                   "\(f.unauthorisedAbsence)", f.isPersistentAbsence ? "PA" : "", f.isSevereAbsence ? "SA" : "",
                   "\(f.lateBeforeClose)", "\(f.lateAfterClose)", "\(f.minutesLate)", "\(r.recent.total)",
                   "\(r.unexplainedDays)"])
        }
        return "Attendance \(range.start.spoken) to \(range.end.spoken)\n" + t.render()
    }
}

enum CohortTable {
    static func render(_ cohorts: [CohortFigures], range: DateRange) -> String {
        var t = TextTable(columns: ["Cohort", "Pupils", "Poss", "Att %", "Auth %", "Unauth %", "PA", "PA %", "SA", "SA %"])
        for c in cohorts {
            let f = c.figures
            func share(_ n: Int) -> String { PercentText.of(n, f.possible) ?? "–" }
            t.add([c.name, "\(c.pupilCount)", "\(f.possible)", percent(f.attendancePercent), share(f.authorisedAbsence),
                   share(f.unauthorisedAbsence), "\(c.persistentAbsentees)", percent(c.persistentAbsenceRate),
                   "\(c.severeAbsentees)", percent(c.severeAbsenceRate)])
        }
        return "Attendance \(range.start.spoken) to \(range.end.spoken)\n" + t.render()
    }
}

func percent(_ value: Double?) -> String {
    value.map(PercentText.truncated) ?? "–"
}

/// Absence by day of the week, and attendance week by week: the patterns governors ask about.
enum PatternOutput {
    static func render(_ byWeekday: Bool, stats: Statistics, upns: [String], range: DateRange, json: Bool) -> String {
        let rows: [(label: String, f: AttendanceFigures)]
        if byWeekday {
            let pattern = stats.weekdayPattern(for: upns, in: range)
            rows = Weekday.allCases.compactMap { d in pattern[d].flatMap { $0.possible > 0 ? (d.shortName, $0) : nil } }
        } else {
            rows = stats.weeklyFigures(for: upns, in: range).map { ("w/c \($0.weekStart)", $0.figures) }
        }
        if json {
            return JSONValue.array(rows.map { r in
                .object([(byWeekday ? "weekday" : "week_starting", .string(byWeekday ? r.label : String(r.label.dropFirst(4)))),
                         ("possible_sessions", .int(r.f.possible)), ("attended_sessions", .int(r.f.attended)),
                         ("authorised_absence_sessions", .int(r.f.authorisedAbsence)), ("unauthorised_absence_sessions", .int(r.f.unauthorisedAbsence)),
                         ("attendance_percent", .optional(r.f.attendancePercent))])
            }).rendered()
        }
        var t = TextTable(columns: [byWeekday ? "Day" : "Week", "Poss", "Att %", "Absence %", "Unauth %"])
        for r in rows {
            t.add([r.label, "\(r.f.possible)", percent(r.f.attendancePercent), percent(r.f.absencePercent),
                   PercentText.of(r.f.unauthorisedAbsence, r.f.possible) ?? "–"])
        }
        return "\(byWeekday ? "Absence by day of the week" : "Attendance week by week"), \(range.start.spoken) to \(range.end.spoken)\n" + t.render()
    }
}
