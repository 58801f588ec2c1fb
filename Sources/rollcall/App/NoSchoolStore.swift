import Attendance
import AttendanceStore
import Foundation

/// The app's store for a trust lead who is staff at no school in the database: there is no
/// school to read or change, only the trust's published figures (`:trust`). Every change is
/// refused saying so; nothing else is ever asked of it, since the app offers nothing that
/// needs a school (see `AppState.refusedWithoutSchool`).
final class NoSchoolStore: SchoolStore {
    let address: StoreAddress
    let school: School
    let warnings: [String] = []
    let lastSeq = 0
    var clock: Clock
    let isWritable = false
    let lastCommitted: Transaction? = nil
    let login: String

    init(url: String, login: String, clock: Clock) {
        address = .database(url: url, school: "")
        school = School(name: "no school")
        self.login = login
        self.clock = clock
    }

    private var refusal: ChangeRefused {
        ChangeRefused(.notPermitted, "\(login) is a trust lead and is not staff at any school: it changes nothing")
    }

    func staffMember(login: String) throws -> StaffMember { throw refusal }
    func commit(_ transaction: Transaction, by actor: StaffMember,
                revise: (School, Transaction) throws -> Transaction) throws -> Transaction? { throw refusal }
    func commitMarks(_ marks: MarkColumns, reason: String?, origin: Transaction.Origin, by actor: StaffMember, allowingAnyDate: Bool,
                     revise: (School, inout MarkColumns, inout String?) throws -> Void) throws -> MarkColumns? { throw refusal }
    func undoLast(by actor: StaffMember) throws -> Transaction? { throw refusal }
    func hasChanges() -> Bool { false }
    func refresh() throws -> Bool { false }
    func loadYears(where wanted: (AcademicYear) -> Bool) throws {}
    func loadContacts(from: SchoolDate?) throws {}
    func auditTrail() -> AuditTrail { AuditTrail() }
}
