import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
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
            var g = SchoolGenerator(asOf: asOf ?? .today())
            if asOf == nil { g.takingRegistersClosed(by: ProcessClock.moment.time) }
            g.name = plan.name
            g.pupils = plan.pupils
            g.years = years
            g.seed = plan.seed
            g.policy = presets.first { $0.id == plan.policy }
            var school = g.generate()
            school.staff[me.login] = me.asHead
            _ = try Store.create(at: "\(directory)/\(plan.directory)", school: school)
            pupils += school.pupils.count
            bar.update(Double(i + 1) / Double(count))
        }
        bar.finish()
        print("Created a trust of \(count) schools (\(pupils) pupils) in \(directory): rollcall trust --stores \(directory)/*")
    }
}
