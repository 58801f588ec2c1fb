import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import SchoolGenerator

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a fictional school of any size into a new store (for trying Rollcall, benchmarks and load tests).",
        discussion: "The same seed always gives the same school. You become its head.")

    @Option(help: "Pupils (up to 630 makes a primary, R–Y6; more a secondary, Y7–Y11).") var pupils = 210
    @Option(help: "Academic years of marks, ending with this one.") var years = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: "The school's today, with registers up to its morning (default: today, with the registers that have closed by now).") var asOf: DateArgument?
    @Option(help: "Contact-log entries to generate (default: calls for this year's absences).") var contacts: Int?
    @Option(help: "The policy preset.") var policy = PolicyFile.defaultPresetID
    @Option(help: "The school's name.") var name = "Demo School"
    @Option(help: ArgumentHelp("Make a trust of this many schools of mixed size, phase and policy instead, one store each in --stores DIR, or each a school in --database URL (you are head of each).", valueName: "n"))
    var trust: Int?
    @Option(name: .customLong("stores"), help: ArgumentHelp("With --trust: the new directory to make the schools' stores in (school-01, school-02 …).", valueName: "dir"))
    var trustDirectory: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let me = Identity.current()
        if let trust {
            let demo = TrustDemo(count: trust, directory: trustDirectory ?? "", seed: seed, years: years, asOf: asOf?.date)
            if let url = storeOptions.database, trustDirectory == nil, trust > 0 { return try demo.make(inDatabase: url, as: me) }
            guard trust > 0, trustDirectory != nil else { throw ValidationError("--trust N needs N of at least 1 and --stores DIR or --database URL") }
            try demo.make(as: me)
            return
        }
        guard pupils > 0, years > 0 else { throw ValidationError("--pupils and --years must be at least 1") }
        var g = SchoolGenerator(asOf: asOf?.date ?? .today())
        // Made for today: only the registers that have closed by the clock are taken.
        if asOf == nil { g.takingRegistersClosed(by: ProcessClock.moment.time) }
        g.name = name
        g.pupils = pupils
        g.years = years
        g.seed = seed
        g.policy = try PolicyFile.preset(policy)
        g.contactEntries = contacts
        let bar = ProgressBar(label: "Generating \(pupils) pupils × \(years) year\(years == 1 ? "" : "s")")
        var school = g.generate { bar.update($0) }
        bar.finish()
        school.staff[me.login] = me.asHead
        let store = try Store.create(at: storeOptions.path, school: school)
        let marks = school.register.markCount
        print("Created \(name) at \(store.path): \(school.pupils.count) pupils, \(marks) marks, \(school.casework.contactCount) contact-log entries, \(school.casework.openCases.count) open cases")
    }
}

/// A progress bar on stderr, shown only on a terminal and only once a job has taken a second.
final class ProgressBar {
    let label: String
    let start = Date()
    let enabled = isatty(2) == 1
    var shown = false

    init(label: String) { self.label = label }

    func update(_ fraction: Double) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        let width = 30, filled = Int(fraction * Double(width))
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(Int(fraction * 100))%"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() { if shown { FileHandle.standardError.write(Data("\n".utf8)) } }
}
