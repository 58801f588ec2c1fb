import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The two implementations of `SchoolStore`, for the suite that runs against both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case files, postgres
    var testDescription: String { rawValue }
}

/// One school, set up the same way in either store: the four staff of `SchoolDatabase`
/// (head, office, the DSL, attendance support) and two pupils, A1 and B2, on the clock
/// `SchoolDatabase.morning`. `open(as:)` gives a new store object connected as that member
/// of staff, as another process of theirs would have.
final class SchoolUnderTest {
    let kind: StoreKind
    private let directory: String?
    private let schoolID: String
    static let staff = [SchoolDatabase.office, SchoolDatabase.dsl, SchoolDatabase.attendance]

    init(_ kind: StoreKind) throws {
        self.kind = kind
        let head = SchoolDatabase.head
        let store: any SchoolStore
        switch kind {
        case .files:
            let dir = NSTemporaryDirectory() + "rollcall-both-" + UUID().uuidString
            directory = dir
            schoolID = ""
            let files = try Store.create(at: dir, schoolName: "Greenfield Primary", head: head)
            files.now = { SchoolDatabase.morning }
            store = files
        case .postgres:
            directory = nil
            schoolID = "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            store = try PostgresStore.create(database: try SharedCluster.get().url(head.login), id: schoolID,
                                             name: "Greenfield Primary", head: head, now: { SchoolDatabase.morning })
        }
        try store.commit(Transaction(Self.staff.map(Change.staff)), by: head)
        let pupils = ["A1": ("Smith", "Ann"), "B2": ("Jones", "Ben")].map { upn, name in
            Pupil(upn: upn, legalSurname: name.0, legalForename: name.1, dateOfBirth: SchoolDate("2016-01-01")!,
                  yearGroup: YearGroup(3), registrationGroup: "3A")
        }
        _ = try store.importPupils(pupils, file: "pupils.csv", by: head)
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    func open(as member: StaffMember) throws -> any SchoolStore {
        switch kind {
        case .files:
            return try Store.open(at: directory!, now: { SchoolDatabase.morning })
        case .postgres:
            return try PostgresStore.open(database: try SharedCluster.get().url(member.login), school: schoolID,
                                          now: { SchoolDatabase.morning })
        }
    }

    /// The store's own integrity check: the problems it reports (none for a sound store).
    func problems() throws -> [String] {
        switch kind {
        case .files: return []
        case .postgres:
            return try (open(as: SchoolDatabase.head) as! PostgresStore).checkProblems()
        }
    }
}

/// One cluster for every test of the process that wants a school in PostgreSQL: each test
/// founds its own school in it (its own id and group roles), so tests never share records.
/// Stopped when the test process exits (and by its watchdog if the process dies).
final class SharedCluster: @unchecked Sendable {
    static let database = "rollcall"
    let cluster: TestCluster

    private static let shared: Result<SharedCluster, Error> = Result {
        let s = try SharedCluster()
        atexit { if case .success(let s) = SharedCluster.shared { s.cluster.stop() } }
        return s
    }

    static func get() throws -> SharedCluster { try shared.get() }

    private init() throws {
        cluster = try TestCluster()
        try cluster.connect().execute("CREATE DATABASE \(Self.database)")
        let owner = try cluster.connect(database: Self.database)
        try PostgresStore.install(owner)
        let headRole = try owner.quotedIdentifier(OSLogins.head)
        try owner.execute("CREATE ROLE \(headRole) LOGIN")
        try owner.execute("GRANT rollcall_founder TO \(headRole)")
    }

    func url(_ login: String) -> String { cluster.conninfo(user: login, database: Self.database) }
}
