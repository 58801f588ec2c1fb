import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The words of a sensitive save that failed never attach to the next entry (issue 21, item 1).
@Suite struct OrphanWordsTests {
    @Test func wordsLeftByAFailedSaveNeverBecomeTheNextEntrysWords() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        let day = SchoolDate("2026-03-02")!
        // The words file is written, then the journal line fails (a full disk, kill -9).
        store.faultHook = { if $0 == .beforeJournalAppend { throw InjectedFault(point: $0) } }
        let first = ContactLogEntry(upn: "A1", kind: .note, on: day, text: "FIRST words about pupil one", sensitive: true)
        #expect(throws: (any Error).self) { try store.commit(Transaction([.contact(first)]), by: fsw) }
        store.faultHook = nil
        // The next sensitive entry gets the same sequence number, about another pupil.
        let second = ContactLogEntry(upn: "B2", kind: .note, on: day, text: "SECOND words about pupil two", sensitive: true)
        let saved = try #require(try store.commit(Transaction([.contact(second)]), by: head))

        let again = try Store.open(at: path)
        try again.loadContacts()
        let b2 = again.school.casework.contacts["B2"]?.filter { $0.kind == .note } ?? []
        #expect(b2.map(\.text) == ["SECOND words about pupil two"], "pupil two's entry has its own words")
        #expect(again.school.casework.contacts["A1"]?.contains { $0.text.contains("FIRST") } != true, "nothing recorded about pupil one")
        guard case .contact(let e) = saved.changes.first else { Issue.record("not a contact"); return }
        let words = try #require(SensitiveNotes(store: path, sharing: nil).words(e.id))
        #expect(words.upn == "B2" && words.by == "head" && words.text == "SECOND words about pupil two")
        // The failed save's words are not destroyed, and `check` says they belong to no entry.
        let all = contents(of: "\(path)/sensitive").values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(all.contains("FIRST words about pupil one"))
        let report = CheckReport.run(store: path)
        #expect(report.warnings.contains { $0.contains("no journal line") }, "\(report.warnings)")
    }

    @Test func checkReportsAnEntryWhoseWordsFileIsAboutSomeoneElse() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let path = dir.file("store")
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "words", sensitive: true)
        let saved = try #require(try store.commit(Transaction([.contact(note)]), by: fsw))
        guard case .contact(let e) = saved.changes.first else { Issue.record("not a contact"); return }
        #expect(CheckReport.run(store: path).problems.isEmpty)
        let file = "\(path)/sensitive/\(e.id).json"
        let text = String(decoding: FileManager.default.contents(atPath: file)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"A1\"", with: "\"B2\"").utf8).write(to: URL(fileURLWithPath: file))
        let report = CheckReport.run(store: path)
        #expect(report.problems.contains { $0.contains(e.id) && $0.contains("B2") }, "\(report.problems)")
    }
}

/// A file the store does not know about is a warning, not damage (issue 21, item 3).
@Suite struct StrayFileTests {
    @Test func aStrayFileWithTheWrongModeIsAWarningAndTheStoreStillOpens() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        #expect(FileManager.default.createFile(atPath: "\(path)/notes-from-the-office.txt", contents: Data("hello".utf8),
                                               attributes: [.posixPermissions: 0o644]))
        let report = CheckReport.run(store: path)
        #expect(report.isOpenable, "\(report.problems)")
        #expect(report.warnings.contains { $0.contains("notes-from-the-office.txt") }, "\(report.warnings)")
        // A file the store writes, with the wrong mode, is still a problem.
        #expect(chmod("\(path)/journal.jsonl", 0o644) == 0)
        #expect(CheckReport.run(store: path).problems.contains { $0.contains("journal.jsonl") })
    }
}
