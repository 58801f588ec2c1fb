import Attendance
import AttendanceStore
import Foundation
import RollcallUI
import Testing
@testable import rollcall

/// Issue 21, defect 2, in the app itself: the driver, not a fake, with a store whose daily
/// backup cannot be made. A mark typed on the register is saved, and the status line then
/// says the backup failed. No terminal is needed: the runner's `handle` is what the loop calls.
@Suite("The app shows a warning raised during a change")
struct AppRunnerWarningTests {
    @Test func aDailyBackupThatFailsDuringAMarkIsOnTheStatusLine() throws {
        let dir = NSTemporaryDirectory() + "rollcall-warn-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/store"
        let head = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)
        // Monday 2 March 2026, 09:00 in London: never the real clock.
        let morning = Date(timeIntervalSince1970: 1_772_442_000)
        let clock = Clock(instant: { morning })
        let setUp = try Store.create(at: path, schoolName: "Warning School", head: head)
        setUp.now = { morning }
        _ = try setUp.importPupils([Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                                          yearGroup: YearGroup(4), registrationGroup: "4A")], file: "p.csv", by: head)
        // Where the daily backup goes is a file, and the store opened afresh has not tried today's.
        try FileManager.default.removeItem(atPath: "\(path)/backups")
        #expect(FileManager.default.createFile(atPath: "\(path)/backups", contents: Data()))
        let store = try Store.open(at: path, clock: clock)
        let runner = AppRunner(store: store, staff: head)
        let before = store.warnings.count

        runner.handle(.keyPressed(.char(":")))
        for c in "register 4A AM" { runner.handle(.keyPressed(.char(c))) }
        runner.handle(.keyPressed(.enter))
        runner.handle(.keyPressed(.char("N")))

        #expect(store.school.register.mark(for: "A1", at: Session(SchoolDate("2026-03-02")!, .am))?.code == .reasonNotYetEstablished)
        #expect(store.warnings.count > before)
        let status = runner.state.status?.text ?? ""
        #expect(status.hasPrefix("Warning: the daily backup"), "\(status)")
        #expect(runner.state.draw().lines.contains { $0.contains("Warning: the daily backup") })
    }
}
