import Attendance
import AttendanceStore
import Foundation
import SchoolGenerator

/// The first time Rollcall runs with no store anywhere, it makes one from the demo school,
/// so the README's run command shows a real (fictional) school at once.
enum FirstRun {
    static func createDemoStore(at path: String, today: SchoolDate, identity: Identity) throws {
        let bar = ProgressBar(label: "Setting up the demo school")
        var school = SchoolGenerator.demo(asOf: today, policy: try PolicyFile.preset(PolicyFile.defaultPresetID)).generate { bar.update($0) }
        bar.finish()
        school.staff[identity.login] = identity.asHead
        _ = try Store.create(at: path, school: school)
        FileHandle.standardError.write(Data("""
            Welcome to Rollcall. There was no store yet, so this is the demo school (all fictional),
            set up at \(path). You are its head.
            To start your own school instead: rollcall init --store DIR --school "NAME",
            then set ROLLCALL_STORE=DIR (or pass --store DIR).


            """.utf8))
    }
}
