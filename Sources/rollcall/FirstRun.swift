import Attendance
import AttendanceStore
import Foundation
import SchoolGenerator

/// The first time Rollcall runs with no store anywhere, it makes one from the demo school,
/// so the README's run command shows a real (fictional) school at once.
enum FirstRun {
    /// Made as of `asOf`. When that is today by the clock, the day's registers that have not
    /// closed yet are left to take (at 09:05 the morning's are there for the secretary); as of
    /// another day (`--as-of`), registers are taken up to that day's morning.
    /// `announce`: print the welcome (the app shows it on Today instead, from `welcome`).
    static func createDemoStore(at path: String, asOf: SchoolDate, identity: Identity, announce: Bool = true) throws {
        let bar = ProgressBar(label: "Setting up the demo school")
        var generator = SchoolGenerator.demo(asOf: asOf, policy: try PolicyFile.preset(PolicyFile.defaultPresetID))
        let now = ProcessClock.moment
        if asOf == now.date { generator.takingRegistersClosed(by: now.time) }
        var school = generator.generate { bar.update($0) }
        bar.finish()
        school.staff[identity.login] = identity.asHead
        _ = try Store.create(at: path, school: school)
        guard announce else { return }
        FileHandle.standardError.write(Data("""
            Welcome to Rollcall. There was no store yet, so this is the demo school (all fictional),
            set up at \(path). You are its head.
            To start your own school instead: rollcall init --store DIR --school "NAME",
            then set ROLLCALL_STORE=DIR (or pass --store DIR).


            """.utf8))
    }

    /// The welcome as the app shows it on Today, in its own words.
    static func welcome(path: String) -> [String] {
        ["There was no store yet, so this is a demo school made for you (all fictional), at \(path). You are its head.",
         "", "To start your own school instead: rollcall init --store DIR --school \"NAME\", then set ROLLCALL_STORE=DIR (or pass --store DIR)."]
    }
}
