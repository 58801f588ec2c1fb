import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The words of safeguarding-sensitive entries are kept in `sensitive/` only (issue 11).
@Suite struct SensitiveWordsTests {
    /// Every byte of every file under `dir` except `sensitive/`, as text.
    func everythingButSensitive(_ dir: String) -> String {
        contents(of: dir).filter { !$0.key.contains("sensitive/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test func sensitiveWordsNeverReachTheJournalSnapshotAuditOrBackups() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        let visit = ContactLogEntry(upn: "A1", kind: .homeVisit, on: SchoolDate("2026-03-02")!, time: "10:00",
                                    visitedBy: ["Fay Support"], childSeen: false, adultSpokenTo: "uncle Q-SECRET-ADULT",
                                    text: "bruise on arm Q-SECRET-TEXT", sensitive: true)
        try store.commit(Transaction([.contact(visit)]), by: fsw)
        let meeting = Meeting(upn: "A1", on: SchoolDate("2026-03-02")!, attendees: ["mum", "DSL"],
                              goingWell: "Q-SECRET-WELL", concerns: "Q-SECRET-CONCERN", agreedActions: ["Q-SECRET-ACTION"])
        try store.commit(store.school.recordingMeeting(meeting, time: "11:00", sensitive: true), by: fsw)
        let plain = ContactLogEntry(upn: "B2", kind: .note, on: SchoolDate("2026-03-02")!, text: "left the gate open Q-PLAIN")
        try store.commit(Transaction([.contact(plain)]), by: fsw)

        var onDisk = everythingButSensitive(path)
        #expect(!onDisk.contains("Q-SECRET"), "the journal holds sensitive words")
        #expect(onDisk.contains("Q-PLAIN"), "ordinary notes stay in the journal")
        try store.compact()
        _ = try Backup.make(store)
        onDisk = everythingButSensitive(path)
        #expect(!onDisk.contains("Q-SECRET"), "a snapshot, the audit trail or a backup holds sensitive words")
        let kept = contents(of: path).filter { $0.key.contains("sensitive/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for word in ["Q-SECRET-TEXT", "Q-SECRET-ADULT", "Q-SECRET-WELL", "Q-SECRET-CONCERN", "Q-SECRET-ACTION"] {
            #expect(kept.contains(word), "\(word) is kept apart")
        }

        // Read back by a process that may read them: the words are all there.
        let again = try Store.open(at: path)
        try again.loadContacts()
        let entries = again.school.casework.contacts["A1"] ?? []
        let readVisit = try #require(entries.first { $0.kind == .homeVisit })
        #expect(readVisit.text == "bruise on arm Q-SECRET-TEXT" && readVisit.adultSpokenTo == "uncle Q-SECRET-ADULT" && readVisit.childSeen == false)
        let readMeeting = try #require(again.school.casework.meetings["A1"]?.first)
        #expect(readMeeting.concerns == "Q-SECRET-CONCERN" && readMeeting.agreedActions == ["Q-SECRET-ACTION"])
        // The program hides them as well from roles that should not see them (as root, or
        // in a private store, the OS lets this process read everything).
        let forOffice = again.school.chronology(for: "A1", viewer: office).map(\.text).joined()
        #expect(!forOffice.contains("Q-SECRET") && forOffice.contains("safeguarding-sensitive"))
        #expect(again.school.chronology(for: "A1", viewer: head).map(\.text).joined().contains("Q-SECRET-CONCERN"))
        // The history fills them in too, for those who may read them.
        #expect(again.history(upn: "A1").entries.contains { if case .contact(let e) = $0.change { return e.text.contains("Q-SECRET-TEXT") } else { return false } })
    }

    @Test func wordsUnreadableByThisLoginSayTheyAreWithheldAndAreNeverRewritten() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET-GONE", sensitive: true)
        try store.commit(Transaction([.contact(note)]), by: fsw)
        // As if this login could not read the file (root reads anything, so it is moved away).
        let words = try #require(SensitiveNotes(store: path, sharing: nil).listable()?.first)
        try FileManager.default.moveItem(atPath: "\(path)/sensitive/\(words)", toPath: dir.file("aside.json"))
        let blind = try Store.open(at: path)
        try blind.loadContacts()
        #expect(blind.school.casework.contacts["A1"]?.first { $0.kind == .note }?.text == ContactLogEntry.withheldText)
        try blind.compact()
        #expect(SensitiveNotes(store: path, sharing: nil).listable() == [], "the withheld text was written as words")
        #expect(!everythingButSensitive(path).contains(ContactLogEntry.withheldText))
    }
}

/// The audit trail stores UTC; people read the school's time (issue 11, time).
@Suite struct SchoolTimeTests {
    @Test func timesAreShownInTheSchoolsTimeZoneWhateverTheComputers() {
        #expect(LocalTime.stamp("2026-07-01T08:15:07Z", timeZone: "Europe/London") == "2026-07-01 09:15:07 BST")
        #expect(LocalTime.stamp("2026-11-30T08:15:07Z", timeZone: "Europe/London") == "2026-11-30 08:15:07 GMT")
        #expect(LocalTime.dateTime("2026-07-01T23:30:00Z", timeZone: "Europe/London") == "2026-07-02 00:30")
        #expect(LocalTime.time("2026-07-01T08:15:00Z", timeZone: "Asia/Tokyo") == "17:15")
    }
}
