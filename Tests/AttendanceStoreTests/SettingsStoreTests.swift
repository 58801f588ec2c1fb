import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("Settings and closed registers in the store")
struct SettingsStoreTests {
    /// 2025-09-01 08:00 UTC: 09:00 in London, the day of the test marks.
    static let morning = Date(timeIntervalSince1970: 1_756_713_600)

    func settings() -> SchoolSettings {
        SchoolSettings(registerTimes: RegisterTimes(amCloses: ClockTime(parsing: "09:20")!), address: "1 School Lane",
                       phone: "01234 567890", email: "office@example.org", headName: "Hana Head", timeZone: "Europe/London")
    }

    @Test func settingsAndClosuresSurviveReopenAndCompaction() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Self.morning }
        #expect(store.school.settings == SchoolSettings())
        try store.commit(Transaction([.settings(settings())]), by: head)
        try store.commit(markTransaction("B2", "2025-09-01", .pm, .reasonNotYetEstablished), by: office)
        try store.commit(Transaction([.registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .am)))]), by: office)
        try store.commit(Transaction([.registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .pm)))]), by: office)
        let expected = [RegisterClosure(group: "3A", session: session("2025-09-01", .am), by: "office"),
                        RegisterClosure(group: "3A", session: session("2025-09-01", .pm), by: "office")]
        // From the journal.
        let reopened = try Store.open(at: dir.file("store"))
        #expect(reopened.school.settings == settings())
        #expect(reopened.school.allRegisterClosures == expected)
        // From the snapshot.
        try store.compact()
        let compacted = try Store.open(at: dir.file("store"))
        #expect(compacted.school.settings == settings())
        #expect(compacted.school.allRegisterClosures == expected)
        let schoolJSON = try String(contentsOfFile: dir.file("store/snapshots/000002/school.json"), encoding: .utf8)
        #expect(schoolJSON.contains("3A|2025-09-01|AM|office") && schoolJSON.contains("\"2025-26\""))
        // Closing again changes nothing.
        #expect(try store.commit(Transaction([.registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .am)))]), by: head) == nil)
    }

    @Test func theAuditTrailHasSettingsAndClosures() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Self.morning }
        try store.commit(Transaction([.settings(settings())]), by: head)
        try store.commit(Transaction([.registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .am)))]), by: office)
        try store.compact()
        let records = try AuditArchive.records(store: store.path, journal: dir.file("store/journal.jsonl"))
        let changes = records.flatMap { r in ((try? r.transaction.changes) ?? []).map { (r.by, $0) } }
        #expect(changes.contains { $0.0 == "head" && $0.1 == .settings(settings()) })
        #expect(changes.contains { $0.0 == "office" && $0.1 == .registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .am), by: "office")) })
    }

    @Test func officeStaffMayNotChangeSettings() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        #expect {
            try store.commit(Transaction([.settings(settings())]), by: office)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("is office staff and may not change the school settings") }
    }

    @Test func onTheDayAMarkMayBeCorrectedUntilTheRegisterCloses() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Self.morning }
        #expect(store.today == SchoolDate("2025-09-01")!)
        #expect(store.timeOfDay == ClockTime(parsing: "09:00")!)
        // Today, the register still open: no reason needed.
        try store.commit(markTransaction("A1", "2025-09-01", .am, .lateBeforeClose), by: office)
        try store.commit(Transaction([.registerClosed(RegisterClosure(group: "3A", session: session("2025-09-01", .am)))]), by: office)
        #expect {
            try store.commit(markTransaction("A1", "2025-09-01", .am, .presentAM), by: office)
        } throws: { try (#require($0 as? ChangeRefused)).message.contains("needs a reason") }
        try store.commit(markTransaction("A1", "2025-09-01", .am, .presentAM, reason: "late slip was wrong"), by: office)
        // The next day, yesterday's open PM register needs a reason too.
        store.now = { Self.morning.addingTimeInterval(86_400) }
        #expect(throws: ChangeRefused.self) { try store.commit(markTransaction("A1", "2025-09-01", .pm, .presentPM), by: office) }
    }

    @Test func todayIsTheSchoolsDateInItsTimeZone() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        store.now = { Date(timeIntervalSince1970: 1_756_767_000) }  // 2025-09-01 22:50 UTC: 23:50 in London
        #expect(store.today == SchoolDate("2025-09-01")!)
        var s = store.school.settings
        s.timeZone = "Asia/Tokyo"
        try store.commit(Transaction([.settings(s)]), by: head)
        #expect(store.today == SchoolDate("2025-09-02")!)
    }

    @Test func aSchoolFileWithoutSettingsReadsWithTheDefaults() throws {
        let old = #"{"schemaVersion":2,"name":"Old School","staff":[]}"#
        let file = try JSONDecoder().decode(Snapshot.SchoolFile.self, from: Data(old.utf8))
        #expect(file.settings == nil && file.registerClosures == nil)
        let partial = try JSONDecoder().decode(SchoolSettings.self, from: Data(#"{"headName":"H"}"#.utf8))
        #expect(partial.registerTimes == RegisterTimes() && partial.timeZone == "Europe/London" && partial.headName == "H")
        #expect(ClosureString.decode("Class|A|2025-09-01|PM|x") == RegisterClosure(group: "Class|A", session: session("2025-09-01", .pm), by: "x"))
    }
}
