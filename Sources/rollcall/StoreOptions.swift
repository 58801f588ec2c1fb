import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

/// The `--store` option every command shares, and opening the store as the member of
/// staff at the keyboard.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $ROLLCALL_STORE, else ~/.local/share/rollcall).", valueName: "dir"))
    var store: String?

    @Option(help: ArgumentHelp("Run as if it were this date (training, tests, demonstrations): every rule uses it (which registers are open, whether a change is an amendment, what is due). The audit trail still records the real time.", valueName: "date"))
    var today: DateArgument?
    @Option(help: ArgumentHelp("Run as if it were this time of day, as --today does for the date.", valueName: "HH:MM"))
    var now: String?

    var path: String { StoreLocation.resolve(option: store) }

    /// Sets the process's one clock from --today and --now, as the command line is read, so
    /// that every date word, the store and the app use the same moment.
    mutating func validate() throws {
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

    /// Opens the store as `identity`, on the process's clock, and finds them on the staff
    /// list; an unknown login is refused. With no store configured anywhere, the demo school
    /// is set up first (as of `today`, with `identity` as its head).
    func open(as identity: Identity, today: SchoolDate = .today(), reportingWarnings: Bool = true) throws -> (store: Store, staff: StaffMember) {
        let env = ProcessInfo.processInfo.environment
        if (store ?? "").isEmpty, (env[StoreLocation.environmentVariable] ?? "").isEmpty,
           !FileManager.default.fileExists(atPath: "\(path)/\(StoreLocation.manifestFileName)") {
            try FirstRun.createDemoStore(at: path, asOf: today, identity: identity)
        }
        let store = try Store.open(at: path, clock: ProcessClock.current)
        SchoolTimeZone.current = store.school.settings.timeZone
        StoreWarnings.track(store, printed: 0)
        if reportingWarnings { StoreWarnings.printUnprinted() }
        return (store, try Self.schoolStaff(try store.staffMember(login: identity.login)))
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
    func open(as identity: Identity, forFiguresAsOf date: SchoolDate) throws -> (store: Store, staff: StaffMember) {
        let opened = try open(as: identity, today: date)
        try opened.store.loadYears(covering: Statistics.yearToDate(date))
        try opened.store.loadContacts(from: AcademicYear(containing: date).firstDay)
        return opened
    }
}

/// A failure with a message of our own; printed as `Error: …` with exit status 1.
enum CleanExit {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func failure(_ message: String) -> Failure { Failure(description: message) }
}
