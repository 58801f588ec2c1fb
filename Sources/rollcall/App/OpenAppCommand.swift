import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// `rollcall` on its own: the terminal app when a person is at a terminal; the day's summary
/// (as `rollcall today` prints it) when the output goes to a pipe, cron or CI, so scripts
/// keep working.
struct OpenAppCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Open the app: registers, pupils and the day at a glance (the default on a terminal).",
        discussion: "Not on a terminal it prints today's summary instead, as `rollcall today` does.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("stores"), parsing: .upToNextOption,
            help: ArgumentHelp("Schools' stores for :trust (a trust's, a federation's or an LA team's schools).", valueName: "dir"))
    var trustStores: [String] = []

    /// The day's summary, as `rollcall today` prints it (today by the one clock: --today where given).
    func printSummary() throws {
        var summary = TodayCommand()
        summary.date = nil
        summary.format = .table
        summary.storeOptions = storeOptions
        try summary.run()
    }

    func run() throws {
        guard Terminal.isInteractive() else {
            try printSummary()
            return
        }
        let identity = Identity.current()
        // In a database: is this login the trust's lead (`rollcall_trust`), and staff where?
        var databaseURL: String?, isTrustLead = false, staffAt: [(id: String, name: String)]?
        if case .database(let url, let school) = try storeOptions.choice() {
            let standing = try PostgresStore.trustStanding(database: url)
            (databaseURL, isTrustLead, staffAt) = (url, standing.isTrustLead, standing.staffAt)
            // A trust lead who is staff at no school opens on the trust, not on an error.
            if school == nil, standing.isTrustLead, standing.staffAt.isEmpty {
                let lead = StaffMember(login: standing.login, name: identity.fullName, role: .trustLead)
                try start(AppRunner(store: NoSchoolStore(url: url, login: standing.login, clock: ProcessClock.current), staff: lead,
                                    trust: .database(url: url), staffNowhere: true))
                return
            }
        }
        let storeOptions = try SchoolQuestion.choosing(storeOptions, known: staffAt)
        // A store that `check` would refuse is never opened: say why before the screen starts.
        let path = storeOptions.path
        let isDirectory = (try storeOptions.choice()) == .directory(path)
        if isDirectory, FileManager.default.fileExists(atPath: "\(path)/\(StoreLocation.manifestFileName)") {
            let report = CheckReport.run(store: path)
            if !report.isOpenable {  // a missing daily backup is `check`'s to report, not a reason to stop the registers
                for p in report.problems { FileHandle.standardError.write(Data("Problem: \(p)\n".utf8)) }
                FileHandle.standardError.write(Data("Rollcall did not open the store; nothing was changed. See `rollcall check --store \(path)`.\n".utf8))
                throw ExitCode.failure
            }
        }
        // No store anywhere: the demo school is made here, and welcomed inside the app (on
        // Today, until dismissed) rather than in text that shows only after quitting.
        var firstRun = false
        if isDirectory, storeOptions.isUnconfigured, !FileManager.default.fileExists(atPath: "\(path)/\(StoreLocation.manifestFileName)") {
            try FirstRun.createDemoStore(at: path, asOf: .today(), identity: identity, announce: false)
            firstRun = true
        }
        let (store, me) = try storeOptions.open(as: identity, reportingWarnings: false)
        try store.loadYears(covering: Statistics.yearToDate(store.today))
        let trust: AppRunner.TrustSchools = !trustStores.isEmpty ? .stores(trustStores)
            : isTrustLead ? .database(url: databaseURL!) : .none
        try start(AppRunner(store: store, staff: me, welcome: firstRun ? FirstRun.welcome(path: path) : nil, trust: trust))
    }

    /// Runs the app; where the terminal cannot show it, says why and prints the day's summary.
    func start(_ runner: AppRunner) throws {
        do {
            try runner.run()
        } catch let problem as TerminalError {
            // TERM=dumb or a terminal nobody described: say so, and give the day's summary.
            if runner.state.context.staffNowhere {
                throw CleanExit.failure("Rollcall cannot show the app here: \(problem); `rollcall trust` prints the trust's table")
            }
            FileHandle.standardError.write(Data("Rollcall cannot show the app here: \(problem). Today's summary follows (as `rollcall today` prints it); in a terminal such as xterm, set TERM (e.g. TERM=xterm-256color).\n\n".utf8))
            try printSummary()
        }
    }
}
