import AttendanceStore
import Foundation
import PostgresStore

/// Opening a school in a database: which school, when the login is staff at several.
enum DatabaseOpening {
    /// Opens `school`, or the only school this login is staff at; several, and none chosen,
    /// is refused naming them (the app asks instead: see `chooseSchool`).
    static func open(url: String, school: String?, clock: Clock) throws -> PostgresStore {
        if let school { return try PostgresStore.open(database: url, school: school, clock: clock) }
        let schools = try PostgresStore.schools(database: url)
        switch schools.count {
        case 1: return try PostgresStore.open(database: url, school: schools[0].id, clock: clock)
        case 0: throw CleanExit.failure("\(url.isEmpty ? "the database" : StoreAddress.withoutPassword(url)) has no school this login is staff at; the head adds you with `rollcall staff add LOGIN`")
        default:
            let list = schools.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
            throw CleanExit.failure("this login is staff at \(schools.count) schools in the database: \(list); choose one with --school ID (or $ROLLCALL_SCHOOL)")
        }
    }
}
