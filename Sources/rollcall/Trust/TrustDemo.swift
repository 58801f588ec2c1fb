import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import SchoolGenerator

/// `rollcall demo --trust N --stores DIR`: a fictional trust, one store per school in DIR,
/// deterministic for the seed; the login running it is head of each school.
struct TrustDemo {
    var count: Int
    var directory: String
    var seed: UInt64
    var years: Int
    var asOf: SchoolDate?

    func make(as me: Identity) throws {
        if FileManager.default.fileExists(atPath: directory),
           !((try? FileManager.default.contentsOfDirectory(atPath: directory))?.isEmpty ?? false) {
            throw CleanExit.failure("\(directory) already exists and is not empty: name a new directory for the trust's stores")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let presets = try PolicyFile.presets()
        let plans = TrustGenerator.plan(count: count, seed: seed, policies: presets.map(\.id))
        let bar = ProgressBar(label: "Generating \(count) schools")
        var pupils = 0
        for (i, plan) in plans.enumerated() {
            let school = generate(plan, presets: presets, head: me.asHead)
            _ = try Store.create(at: "\(directory)/\(plan.directory)", school: school)
            pupils += school.pupils.count
            bar.update(Double(i + 1) / Double(count))
        }
        bar.finish()
        print("Created a trust of \(count) schools (\(pupils) pupils) in \(directory): rollcall trust --stores \(directory)/*")
    }

    /// The same trust made in a database: each school created by the login running it (a
    /// member of `rollcall_founder`, and head of each), its records as first rows in that
    /// login's name, and its figures published for the trust's view.
    func make(inDatabase url: String, as me: Identity) throws {
        let presets = try PolicyFile.presets()
        let plans = TrustGenerator.plan(count: count, seed: seed, policies: presets.map(\.id))
        let login = try PostgresStore.login(database: url)
        let head = StaffMember(login: login, name: me.fullName, role: .head, isDSL: true)
        let bar = ProgressBar(label: "Generating \(count) schools")
        var pupils = 0
        for (i, plan) in plans.enumerated() {
            let school = generate(plan, presets: presets, head: head)
            let id = plan.directory.replacingOccurrences(of: "-", with: "_")
            let rows = MovedRow.making(school, mover: head, now: Date(), reason: "a generated school (rollcall demo --trust), all fictional")
            _ = try PostgresStore.moveIn(database: url, id: id, name: plan.name, from: "rollcall demo --trust \(count) --seed \(seed)", rows: rows)
            let store = try PostgresStore.open(database: url, school: id, clock: ProcessClock.current)
            let date = asOf ?? store.today
            let moment = ProcessClock.moment
            let row = TrustRow(school: store.school, asOf: date, time: date == moment.date ? moment.time : nil)
            try store.publishFigures(asOf: date, figures: PublishedTrustRow.json(row))
            pupils += school.pupils.count
            bar.update(Double(i + 1) / Double(count))
        }
        bar.finish()
        print("Created a trust of \(count) schools (\(pupils) pupils) in the database, each with its figures published: rollcall trust --database URL")
    }

    /// One school of the plan, with `head` on its staff list.
    private func generate(_ plan: TrustGenerator.SchoolPlan, presets: [Policy], head: StaffMember) -> School {
        var g = SchoolGenerator(asOf: asOf ?? .today())
        if asOf == nil { g.takingRegistersClosed(by: ProcessClock.moment.time) }
        g.name = plan.name
        g.pupils = plan.pupils
        g.years = years
        g.seed = plan.seed
        g.policy = presets.first { $0.id == plan.policy }
        var school = g.generate()
        school.staff[head.login] = head
        return school
    }
}
