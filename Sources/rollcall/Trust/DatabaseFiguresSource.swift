import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// The schools of one PostgreSQL database, as a trust lead reads them: the view
/// `rollcall.trust_figures` (granted to `rollcall_trust`), which holds each school's figures
/// as its staff published them, and no pupil. A school with nothing published on or before
/// the date is listed as not read, saying how its figures get there.
struct DatabaseFiguresSource: TrustSource {
    var url: String

    func schools(asOf date: SchoolDate) -> [TrustSchool] {
        let published: [PublishedFigures]
        do { published = try PostgresStore.trustFigures(database: url, asOf: date) } catch {
            return [TrustSchool(id: StoreAddress.withoutPassword(url), reading: .notRead("the trust's figures could not be read: \(error)"))]
        }
        return published.map { p in
            guard let figures = p.figures, let asOf = p.asOf else {
                return TrustSchool(id: p.school, reading: .notRead("no figures published on or before \(date); its staff's Rollcall publishes them as it runs, or `rollcall trust publish`"))
            }
            do {
                var row = try PublishedTrustRow.row(figures, id: p.school)
                // Older figures are shown for what they are, not as the day's.
                if asOf != date { row.name += " (as of \(asOf))" }
                return TrustSchool(id: p.school, reading: .published(row))
            } catch {
                return TrustSchool(id: p.school, reading: .notRead("its published figures cannot be read: \(error)"))
            }
        }
    }
}
