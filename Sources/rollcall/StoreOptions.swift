import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

/// The `--store` option every command shares, and opening the store as the member of
/// staff at the keyboard.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $ROLLCALL_STORE, else ~/.local/share/rollcall).", valueName: "dir"))
    var store: String?

    var path: String { StoreLocation.resolve(option: store) }

    /// Opens the store as `identity` and finds them on the staff list; an unknown login is
    /// refused. With no store configured anywhere, the demo school is set up first (as of
    /// `today`, with `identity` as its head).
    func open(as identity: Identity, today: SchoolDate = .today(), reportingWarnings: Bool = true) throws -> (store: Store, staff: StaffMember) {
        let env = ProcessInfo.processInfo.environment
        if (store ?? "").isEmpty, (env[StoreLocation.environmentVariable] ?? "").isEmpty,
           !FileManager.default.fileExists(atPath: "\(path)/\(StoreLocation.manifestFileName)") {
            try FirstRun.createDemoStore(at: path, today: today, identity: identity)
        }
        let store = try Store.open(at: path)
        SchoolTimeZone.current = store.school.settings.timeZone
        StoreWarnings.track(store, printed: 0)
        if reportingWarnings { StoreWarnings.printUnprinted() }
        return (store, try store.staffMember(login: identity.login))
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
