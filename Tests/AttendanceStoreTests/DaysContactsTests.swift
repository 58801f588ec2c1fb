import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// `Store.loadContacts(on:)`: the trust view reads only the day's entries of each school's
/// contact log. What it reads must be exactly that day's entries, wherever they are kept.
@Suite("Reading one day of the contact log")
struct DaysContactsTests {
    static let day = SchoolDate("2026-03-02")!, before = SchoolDate("2026-02-27")!

    func texts(_ store: Store) -> [String] {
        store.school.casework.contacts.values.flatMap { $0 }.map(\.text).sorted()
    }

    func note(_ upn: String, _ on: SchoolDate, _ text: String) -> Transaction {
        Transaction([.contact(ContactLogEntry(upn: upn, kind: .note, on: on, text: text))])
    }

    /// A store with two days of notes in its snapshot.
    func storeWithNotes(_ dir: TempDirectory) throws -> Store {
        let store = try makeStore(dir)
        for (upn, on, text) in [("A1", Self.before, "earlier A"), ("A1", Self.day, "day A"), ("B2", Self.day, "day B"), ("B2", Self.before, "earlier B")] {
            try store.commit(note(upn, on, text), by: fsw)
        }
        try store.compact()
        return store
    }

    @Test func onlyTheDaysEntriesAreReadAndTheYearReadAfterHasEachOnce() throws {
        let dir = TempDirectory()
        _ = try storeWithNotes(dir)
        let store = try Store.open(at: dir.file("store"), now: { storeTestMorning })
        try store.loadContacts(on: Self.day)
        #expect(texts(store) == ["day A", "day B"])
        try store.loadContacts(on: SchoolDate("2026-03-03")!)  // a day with none
        #expect(texts(store) == ["day A", "day B"])
        try store.loadContacts()
        #expect(texts(store) == ["day A", "day B", "earlier A", "earlier B"])
    }

    @Test func aDaysEntryInTheJournalIsRead() throws {
        let dir = TempDirectory()
        let writer = try storeWithNotes(dir)
        try writer.commit(note("A1", Self.day, "day A later"), by: fsw)
        let store = try Store.open(at: dir.file("store"), now: { storeTestMorning })
        try store.loadContacts(on: Self.day)
        #expect(texts(store).filter { $0.hasPrefix("day") } == ["day A", "day A later", "day B"])
    }

    /// Another process compacts after more changes: this one re-reads the store, and the
    /// day's entries with it.
    @Test func theDaysEntriesAreReadAgainWhenTheStoreIsReRead() throws {
        let dir = TempDirectory()
        _ = try storeWithNotes(dir)
        let store = try Store.open(at: dir.file("store"), now: { storeTestMorning })
        try store.loadContacts(on: Self.day)
        let other = try Store.open(at: dir.file("store"), now: { storeTestMorning })
        try other.commit(markTransaction("A1", "2026-03-02", .am, .presentAM), by: office)
        try other.compact()
        try other.commit(markTransaction("A1", "2026-03-02", .pm, .presentPM), by: office)
        #expect(try store.refresh())
        #expect(store.school.register.mark(for: "A1", at: session("2026-03-02", .pm))?.code == .presentPM)
        #expect(texts(store) == ["day A", "day B"])
    }

    @Test func theReaderKeepsExactlyTheDaysEntries() throws {
        let entries = (0..<40).map { i in
            ContactLogEntry(id: "c\(i)", upn: "P\(i % 7)", kind: i % 3 == 0 ? .call : .letter, on: Self.before.adding(days: i % 5),
                            by: "o", byName: "O \"quoted\" {brace}", contactName: i % 2 == 0 ? "Sam" : nil, text: "note \(i), [x]")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = [UInt8](try encoder.encode(Snapshot.ContactsYear(schemaVersion: 2, academicYear: "2025-26", entries: entries)))
        for d in 0..<6 {
            let day = Self.before.adding(days: d)
            #expect(try SnapshotReaders.contacts(data, file: "c.json", on: day).entries == entries.filter { $0.on == day }, "\(day)")
        }
    }
}
