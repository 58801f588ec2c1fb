import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// Where the school's records are: `--store DIR` (a file store, for one login) or
/// `--database URL` (PostgreSQL, for several logins and schools), with `--today`/`--now`.
/// Every command that reads or changes a school takes these. Which store it is, the
/// commands never ask: they get `any SchoolStore`.
struct StoreOptions: ParsableArguments, StoreOpening {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $ROLLCALL_STORE, else ~/.local/share/rollcall).", valueName: "dir"))
    var store: String?

    @Option(help: ArgumentHelp("The PostgreSQL database the school is in, instead of a store directory: a libpq URL or conninfo, e.g. postgresql:///rollcall (default: $ROLLCALL_DATABASE). See the head's guide.", valueName: "url"))
    var database: String?

    @Option(name: .customLong("school"), help: ArgumentHelp("With --database: the school's id, where this login is staff at more than one (default: $ROLLCALL_SCHOOL).", valueName: "id"))
    var schoolChoice: String?

    @Option(help: ArgumentHelp("Run as if it were this date (training, tests, demonstrations): every rule uses it (which registers are open, whether a change is an amendment, what is due). The audit trail still records the real time.", valueName: "date"))
    var today: DateArgument?
    @Option(help: ArgumentHelp("Run as if it were this time of day, as --today does for the date.", valueName: "HH:MM"))
    var now: String?

    mutating func validate() throws { try setClock() }
}

/// The same options for the few commands whose own `--school` means something else
/// (`init --school NAME`, `history --school`, `penalty record --school NAME`): there a
/// school in a database is chosen by $ROLLCALL_SCHOOL, or is the only one the login is staff at.
struct StoreOptionsWithoutSchool: ParsableArguments, StoreOpening {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $ROLLCALL_STORE, else ~/.local/share/rollcall).", valueName: "dir"))
    var store: String?

    @Option(help: ArgumentHelp("The PostgreSQL database the school is in, instead of a store directory (default: $ROLLCALL_DATABASE; the school: $ROLLCALL_SCHOOL). See the head's guide.", valueName: "url"))
    var database: String?

    var schoolChoice: String? { nil }

    @Option(help: ArgumentHelp("Run as if it were this date (training, tests, demonstrations). The audit trail still records the real time.", valueName: "date"))
    var today: DateArgument?
    @Option(help: ArgumentHelp("Run as if it were this time of day, as --today does for the date.", valueName: "HH:MM"))
    var now: String?

    mutating func validate() throws { try setClock() }
}

/// What `StoreOptions` and `StoreOptionsWithoutSchool` share: choosing the store, setting
/// the clock, and opening the school as the member of staff at the keyboard.
protocol StoreOpening {
    var store: String? { get }
    var database: String? { get }
    var schoolChoice: String? { get }
    var today: DateArgument? { get }
    var now: String? { get }
}

/// Which store the options and the environment name.
enum StoreChoice: Equatable {
    case directory(String)
    case database(url: String, school: String?)
}

extension StoreOpening {
    static var databaseVariable: String { "ROLLCALL_DATABASE" }
    static var schoolVariable: String { "ROLLCALL_SCHOOL" }

    /// The file store's directory (`--store`, $ROLLCALL_STORE, else the default).
    var path: String { StoreLocation.resolve(option: store) }

    /// `--database` or `--store` as given; else $ROLLCALL_DATABASE or $ROLLCALL_STORE (both
    /// set is refused: which one was meant is not Rollcall's guess); else the default directory.
    func choice() throws -> StoreChoice {
        let env = ProcessInfo.processInfo.environment
        let school = schoolChoice ?? env[Self.schoolVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let database, let store, !store.isEmpty, !database.isEmpty {
            throw ValidationError("give --store DIR or --database URL, not both")
        }
        if let database, !database.isEmpty { return .database(url: database, school: school) }
        if let store, !store.isEmpty { return .directory(store) }
        let envDatabase = env[Self.databaseVariable].flatMap { $0.isEmpty ? nil : $0 }
        let envStore = env[StoreLocation.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let envDatabase {
            if envStore != nil {
                throw ValidationError("both $\(StoreLocation.environmentVariable) and $\(Self.databaseVariable) are set; say which to use with --store DIR or --database URL")
            }
            return .database(url: envDatabase, school: school)
        }
        if schoolChoice != nil { throw ValidationError("--school chooses a school in a database; give --database URL too (a store directory holds one school)") }
        return .directory(path)
    }

    /// The store's directory, or nil for a database: output files are kept out of it.
    var storeDirectory: String? {
        if case .directory(let p)? = try? choice() { return p }
        return nil
    }

    /// True when the store is the default directory and nothing names a store or database:
    /// the first run, when the demo school is made.
    var isUnconfigured: Bool {
        let env = ProcessInfo.processInfo.environment
        return (store ?? "").isEmpty && (database ?? "").isEmpty
            && (env[StoreLocation.environmentVariable] ?? "").isEmpty && (env[Self.databaseVariable] ?? "").isEmpty
    }

    /// Sets the process's one clock from --today and --now, as the command line is read, so
    /// that every date word, the store and the app use the same moment.
    func setClock() throws {
        var time: ClockTime?
        if let now {
            guard let t = ClockTime(parsing: now) else { throw ValidationError("--now \"\(now)\" is not a time; use \(ClockTime.acceptedForm)") }
            time = t
        }
        // A date word (`--today yesterday`) is read against the machine's clock, never against
        // a clock already fixed.
        let real = Clock.system.moment(timeZone: SchoolTimeZone.current).date
        ProcessClock.current = Clock(fixedDate: today.flatMap { SchoolDate(parsing: $0.text, today: real, weekdays: .last) }, fixedTime: time)
    }

    /// Opens the school, file store or database, on the process's clock, without asking who
    /// is at the keyboard.
    func openStore() throws -> any SchoolStore {
        switch try choice() {
        case .directory(let path):
            return try Store.open(at: path, clock: ProcessClock.current)
        case .database(let url, let school):
            return try DatabaseOpening.open(url: url, school: school, clock: ProcessClock.current)
        }
    }

    /// Opens the store as `identity`, on the process's clock, and finds them on the staff
    /// list; an unknown login is refused. With no store configured anywhere, the demo school
    /// is set up first (as of `today`, with `identity` as its head). In a database, the
    /// member of staff is the login the server authenticated.
    func open(as identity: Identity, today: SchoolDate = .today(), reportingWarnings: Bool = true) throws -> (store: any SchoolStore, staff: StaffMember) {
        // What the options name is checked first: a mistake in them never makes a demo school.
        let choice = try choice()
        if choice == .directory(path), isUnconfigured, !FileManager.default.fileExists(atPath: "\(path)/\(StoreLocation.manifestFileName)") {
            try FirstRun.createDemoStore(at: path, asOf: today, identity: identity)
        }
        let store = try openStore()
        SchoolTimeZone.current = store.school.settings.timeZone
        StoreWarnings.track(store, printed: 0)
        if reportingWarnings { StoreWarnings.printUnprinted() }
        let login = (store as? PostgresStore)?.login ?? identity.login
        return (store, try Self.schoolStaff(try store.staffMember(login: login)))
    }

    /// A trust lead sees a school's figures through `rollcall trust` only: every other command
    /// and the app show pupils' names, so they are refused.
    static func schoolStaff(_ member: StaffMember) throws -> StaffMember {
        guard member.role.mayReadPupilNames else {
            throw CleanExit.failure("\(member.login) is a trust lead at this school: its figures are in rollcall trust; pupils' records are for its own staff")
        }
        return member
    }

    /// Opens the store with what figures as of `date` need: the marks of the year so far and
    /// the weeks before it a rolling window reaches into, and the year's contact log (the
    /// casework rules read it: a cause for concern raised by staff is an entry rule). A
    /// first-run demo is made as of `date`.
    func open(as identity: Identity, forFiguresAsOf date: SchoolDate) throws -> (store: any SchoolStore, staff: StaffMember) {
        let opened = try open(as: identity, today: date)
        try opened.store.loadYears(covering: Statistics.yearToDate(date))
        try opened.store.loadContacts(from: AcademicYear(containing: date).firstDay)
        return opened
    }

    /// The file store, for what only a store directory has (check, compact, migrate, its
    /// backups); a database is refused saying what to use instead.
    func directoryOnly(_ what: String, instead: String) throws -> String {
        switch try choice() {
        case .directory(let path): return path
        case .database: throw CleanExit.failure("\(what) is for a store directory; for a school in a database, \(instead)")
        }
    }
}

/// A failure with a message of our own; printed as `Error: …` with exit status 1.
enum CleanExit {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func failure(_ message: String) -> Failure { Failure(description: message) }
}
