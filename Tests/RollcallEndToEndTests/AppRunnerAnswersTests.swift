import Attendance
import AttendanceStore
import Foundation
import RollcallUI
import Testing
@testable import rollcall

/// The driver, not a fake: a long effect's answer that carries the school (the contact log
/// read at start) must not put the screen back to before a change saved after the job ended.
/// Seen once in CI: a register marked all present as the contact log's read finished showed
/// "0 of 30 marked" again, though the marks were saved.
@Suite("A long effect's answer and a change saved meanwhile")
struct AppRunnerAnswersTests {
    @Test func aMarkSavedAfterTheContactLogWasReadStaysOnTheScreen() throws {
        let dir = NSTemporaryDirectory() + "rollcall-answers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/store"
        let head = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)
        // Monday 2 March 2026, 09:00 in London: never the real clock.
        let morning = Date(timeIntervalSince1970: 1_772_442_000)
        let setUp = try Store.create(at: path, schoolName: "Answers School", head: head)
        setUp.now = { morning }
        _ = try setUp.importPupils([Pupil(upn: "A1", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2016-01-01")!,
                                          yearGroup: YearGroup(4), registrationGroup: "4A")], file: "p.csv", by: head)
        let store = try Store.open(at: path, clock: Clock(instant: { morning }))
        let runner = AppRunner(store: store, staff: head)

        // The contact log is read on the worker, and its answer is waiting when a key arrives.
        runner.readContactLog()
        runner.worker.finish()
        runner.handle(.keyPressed(.char(":")))
        for c in "register 4A AM" { runner.handle(.keyPressed(.char(c))) }
        runner.handle(.keyPressed(.enter))
        runner.handle(.keyPressed(.char("N")))
        let session = Session(SchoolDate("2026-03-02")!, .am)
        #expect(store.school.register.mark(for: "A1", at: session)?.code == .reasonNotYetEstablished)

        runner.takeAnswers()
        #expect(runner.state.contactLogRead)
        #expect(runner.state.school.register.mark(for: "A1", at: session)?.code == .reasonNotYetEstablished,
                "the contact log's answer put back the school from before the mark")
    }
}
