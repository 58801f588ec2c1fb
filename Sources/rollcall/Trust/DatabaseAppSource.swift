import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// `:trust` in the app over a database: every school's figures as its staff published them
/// (the view granted to `rollcall_trust`: counts, no pupil), and, at a school where the
/// login is also on the staff, the school itself, opened read as that login through the
/// normal store (the database's row-level security decides what it reads), so its page may
/// name pupils. No grant is widened: the trust role still reads only the view.
struct DatabaseAppSource: TrustSource {
    var url: String

    func schools(asOf date: SchoolDate) -> [TrustSchool] {
        let published = DatabaseFiguresSource(url: url).schools(asOf: date)
        // Row-level security lists only the schools this login is staff at.
        let staffAt = Set(((try? PostgresStore.schools(database: url)) ?? []).map(\.id))
        guard !staffAt.isEmpty else { return published }
        return published.map { s in staffAt.contains(s.id) ? (read(s.id, asOf: date) ?? s) : s }
    }

    /// The school as its own staff read it; nil (its published figures stand) where the login
    /// is only its trust lead or it cannot be read.
    func read(_ id: String, asOf date: SchoolDate) -> TrustSchool? {
        guard let store = try? PostgresStore.open(database: url, school: id, clock: ProcessClock.current),
              let viewer = store.school.staff[store.login], viewer.role.mayReadPupilNames else { return nil }
        do {
            try store.loadYears(covering: Statistics.yearToDate(date))
            try store.loadContacts(from: AcademicYear(containing: date).firstDay)
        } catch {
            return nil
        }
        return TrustSchool(id: id, reading: .read(store.school, viewer: viewer))
    }
}
