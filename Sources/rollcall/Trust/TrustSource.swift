import Attendance
import AttendanceStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One school a trust view reads: its id (a store directory, or later a database's school),
/// and either the school with the login's place on its staff list, or why it could not be
/// read. A school the login may not read is a row that says so, never a crash.
struct TrustSchool {
    enum Reading {
        /// The school with the year's marks, and its contact log as the source read it: the
        /// year's, or only the day's entries (`StoreDirectoriesSource.onlyTheDaysContacts`).
        case read(School, viewer: StaffMember)
        /// The school's row as its staff published it to the database (no school, no names).
        case published(TrustRow)
        case notRead(String)
    }

    var id: String
    var reading: Reading

    /// Pupils' names may be shown (in the app's drill-down) only where the login is on the
    /// school's own staff: a trust lead there sees figures only.
    var mayReadNames: Bool {
        if case .read(_, let viewer) = reading { return viewer.role.mayReadPupilNames }
        return false
    }
}

/// Where a trust's schools come from. `--stores DIR...` now; `--database URL` (the schools
/// of one PostgreSQL database, through the view granted to the trust role) is another
/// conformance, so the rows, the total and every output stay as they are.
protocol TrustSource {
    /// Every school, read as of `date` (the year's marks and contact log loaded).
    func schools(asOf date: SchoolDate) -> [TrustSchool]
}

/// Store directories, one per school, each opened as the existing commands open a store
/// (the process's clock, the login on the staff list), read and closed again.
struct StoreDirectoriesSource: TrustSource {
    var directories: [String]
    var login: String
    /// The row counts only the day's calls, so the command reads only the day's entries of
    /// the contact log (it was a third of its time); the app's drill-down shows a school
    /// read with the year's log.
    var onlyTheDaysContacts = false

    func schools(asOf date: SchoolDate) -> [TrustSchool] {
        // Each store is read on its own (they share nothing), as many at once as there are cores.
        concurrentMap(directories) { TrustSchool(id: $0, reading: read($0, asOf: date)) }
    }

    func read(_ dir: String, asOf date: SchoolDate) -> TrustSchool.Reading {
        // The operating system decides first: a store this login may not enter is reported,
        // and nothing of it is read.
        if access(dir, F_OK) == 0, access(dir, R_OK | X_OK) != 0 { return .notRead("not readable by \(login)") }
        do {
            let store = try Store.open(at: dir, clock: ProcessClock.current)
            guard let viewer = store.school.staff[login] else { return .notRead("\(login) is not on its staff list") }
            try store.loadYears(covering: Statistics.yearToDate(date))
            // The contact log from the year's start: casework rules and the calling list read it.
            if onlyTheDaysContacts { try store.loadContacts(on: date) } else { try store.loadContacts(from: AcademicYear(containing: date).firstDay) }
            return .read(store.school, viewer: viewer)
        } catch {
            let text = String(describing: error)
            if text.contains("ermission denied") || text.contains("not allowed") { return .notRead("not readable by \(login)") }
            return .notRead(text)
        }
    }
}

/// `map` over independent items on every core, in the items' order. The transform must
/// share nothing between items (each store is opened and read on its own).
func concurrentMap<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    withoutActuallyEscaping(transform) { transform in
        let shared = Shared(value: (items, transform, results))
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            let (items, transform, results) = shared.value
            results[i] = transform(items[i])
        }
    }
    return results.map { $0! }
}

/// Values handed to `concurrentPerform`'s iterations, which only read them (or write each
/// its own slot).
private struct Shared<V>: @unchecked Sendable { let value: V }
