import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import RollcallUI

/// `:trust` in the app over a database: every school's figures as its staff published them
/// (the view granted to `rollcall_trust`: counts, no pupil); and, when the page of a school
/// where the login is also on the staff is opened, that school itself, read as that login
/// through the normal store (the database's row-level security decides what it reads), so
/// its page may name pupils. No grant is widened: the trust role still reads only the view.
struct DatabaseAppSource {
    var url: String

    /// The table, and which of its schools the login is staff at (read when their page opens,
    /// so that a head of many schools does not wait for all of them).
    func overview(asOf date: SchoolDate, time: ClockTime?) -> TrustOverview {
        var overview = TrustView.make(from: DatabaseFiguresSource(url: url), asOf: date, time: time, sort: .concern, phase: nil).overview
        // Row-level security lists only the schools this login is staff at.
        for (id, _) in (try? PostgresStore.trustStanding(database: url))?.staffAt ?? [] where overview.schools[id] != nil {
            overview.schools[id]?.mayReadNames = true
        }
        return overview
    }

    /// One school read as its own staff read it, with its row worked out from its records.
    func school(_ id: String, asOf date: SchoolDate, time: ClockTime?) -> Message {
        do {
            let store = try PostgresStore.open(database: url, school: id, clock: ProcessClock.current)
            let viewer = try store.staffMember(login: store.login)
            guard viewer.role.mayReadPupilNames else {
                return .trustSchoolNotLoaded(id: id, problem: "\(store.login) is its trust lead, not its staff")
            }
            try store.loadYears(covering: Statistics.yearToDate(date))
            try store.loadContacts(from: AcademicYear(containing: date).firstDay)
            var row = TrustRow(school: store.school, asOf: date, time: time)
            row.id = id
            return .trustSchoolLoaded(TrustOverview.School(id: id, school: store.school, mayReadNames: true, row: row))
        } catch {
            return .trustSchoolNotLoaded(id: id, problem: "\(error)")
        }
    }
}
