import Attendance
import SchoolGenerator
import Foundation
import Testing
@testable import AttendanceStore

@Suite("Reading snapshots fast and in part")
struct SnapshotReadingTests {
    @Test func theFastReaderReadsWhatTheEncoderWrites() throws {
        var flags = VulnerabilityFlags()
        flags.childProtection = true
        flags.englishAdditionalLanguage = true
        let pupils = [
            Pupil(upn: "A1", legalSurname: "O'Brien \"Jr\"", legalForename: "Zoë", preferredName: "Zo\\e", dateOfBirth: SchoolDate("2016-02-29")!,
                  yearGroup: .reception, registrationGroup: "R/B", flags: flags,
                  contacts: [Contact(name: "李 伟", relationship: "Father\ttab", phones: ["07700 900123", "01632 960001"], parentalResponsibility: true, livesWithPupil: false),
                             Contact(name: "Emoji 👩‍👧 \u{1F600}", relationship: "Aunt\nline", phones: [])]),
            Pupil(upn: "B2", legalSurname: "Smith", legalForename: "Ann", dateOfBirth: SchoolDate("2010-09-01")!, yearGroup: YearGroup(11), registrationGroup: "11A"),
            Pupil(upn: "C3", legalSurname: "Leaver", legalForename: "Lee", dateOfBirth: SchoolDate("2010-09-01")!, yearGroup: YearGroup(11), registrationGroup: "11A",
                  leavingOn: SchoolDate("2026-07-17")!, destination: "Hillside College"),
            Pupil(upn: "D4", legalSurname: "Leaver", legalForename: "Kim", dateOfBirth: SchoolDate("2010-09-01")!, yearGroup: YearGroup(11), registrationGroup: "11A",
                  leavingOn: SchoolDate("2026-07-17")!),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Snapshot.Pupils(schemaVersion: 2, pupils: pupils))
        #expect(try SnapshotReaders.pupils([UInt8](data), file: "p.json") == pupils)
        // And without pretty-printing, and with escaped slashes.
        let compact = try JSONEncoder().encode(Snapshot.Pupils(schemaVersion: 2, pupils: pupils))
        #expect(try SnapshotReaders.pupils([UInt8](compact), file: "p.json") == pupils)
    }

    @Test func marksRoundTripThroughTheFastReader() throws {
        var register = Register()
        register.record(Mark(.lateBeforeClose, minutesLate: 12, comment: "bus \"late\""), for: "A1", at: session("2025-09-03", .am))
        register.record(Mark(.partTimeTimetable), for: "A1", at: session("2025-09-03", .pm))
        register.record(Mark(.siteClosedUnexpectedly), for: "B2", at: session("2026-08-31", .pm))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(SnapshotIO.marksDocument(register, AcademicYear(startYear: 2025)))
        var back = Register()
        try SnapshotReaders.marks([UInt8](data), file: "m.json", into: &back)
        #expect(back.pupils == register.pupils)
    }

    @Test func malformedJSONNamesTheByte() {
        #expect {
            try SnapshotReaders.pupils([UInt8]("{\"schemaVersion\": 2, \"pupils\": [{\"upn\": }]}".utf8), file: "p.json")
        } throws: { "\($0)".contains("byte 40") && "\($0)".contains("p.json") }
    }

    @Test func checksumsMatchTheByteAtATimeDefinition() {
        #expect(CRC32.hex(Array("123456789".utf8)) == "cbf43926")  // the standard check value
        var rng = SeededRandom(seed: 20_251_201)  // the same bytes on every run
        for n in [0, 1, 7, 8, 9, 63, 1000] {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var crc: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = (crc & 1) != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            }
            #expect(CRC32.checksum(bytes) == crc ^ 0xFFFF_FFFF)
        }
    }

    @Test func olderYearsLoadOnDemandAndAreNeverLostByCompaction() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        // Newest first: each year is the one before a year the store holds (`School.yearsForMarks`).
        for (i, year) in [2021, 2022, 2023, 2024].enumerated().reversed() {
            try store.commit(markTransaction("A1", "\(year)-10-0\(i + 1)", .am, .illness), by: office)
        }
        try store.compact()
        let reopened = try Store.open(at: dir.file("store"))
        #expect(reopened.unloadedYears.map(\.startYear) == [2021, 2022, 2023])
        // An amendment to an unloaded year loads it first, so nothing else in it is lost.
        try reopened.commit(markTransaction("A1", "2021-10-04", .pm, .illness), by: office)
        try reopened.compact()
        let again = try Store.open(at: dir.file("store"))
        try again.loadAllYears()
        #expect(again.unloadedYears.isEmpty)
        for (i, year) in [2021, 2022, 2023, 2024].enumerated() {
            #expect(again.school.register.mark(for: "A1", at: session("\(year)-10-0\(i + 1)", .am))?.code == .illness, "\(year)")
        }
        #expect(again.school.register.mark(for: "A1", at: session("2021-10-04", .pm))?.code == .illness)
        #expect(CheckReport.run(store: dir.file("store")).isHealthy)
    }

    /// Changing a mark in a year not loaded at open is an amendment like any other: it needs
    /// a reason, the journal records the mark it replaced, and undo puts that mark back.
    @Test func changingAMarkInAnUnloadedYearFollowsTheAmendmentRules() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        for (i, year) in [2021, 2022, 2023, 2024].enumerated().reversed() {
            try store.commit(markTransaction("A1", "\(year)-10-0\(i + 1)", .am, .illness), by: office)
        }
        try store.compact()
        let reopened = try Store.open(at: dir.file("store"))
        #expect(reopened.unloadedYears.map(\.startYear) == [2021, 2022, 2023])
        let change = markTransaction("A1", "2021-10-01", .am, .unknownReason)
        #expect { try reopened.commit(change, by: office) } throws: { ($0 as? ChangeRefused)?.kind == .needsReason }
        var amended = change
        amended.reason = "the illness was never confirmed"
        let done = try #require(try reopened.commit(amended, by: office))
        guard case .mark(let m) = done.changes[0] else { Issue.record("expected a mark"); return }
        #expect(m.previous?.code == .illness)
        try reopened.undoLast(by: office)
        #expect(reopened.school.register.mark(for: "A1", at: session("2021-10-01", .am))?.code == .illness)
    }
}

@Suite("Reading casework fast")
struct CaseworkReadingTests {
    @Test func theCaseworkReaderReadsWhatTheEncoderWrites() throws {
        var generator = SchoolGenerator(asOf: SchoolDate("2025-12-12")!)
        generator.pupils = 90
        generator.policy = try PolicyFile.preset("bridgewater-park")
        var cw = generator.generate().casework
        #expect(!cw.openCases.isEmpty && !cw.meetings.isEmpty)
        cw.put(PartTimeTimetable(id: "t1", upn: "X", starts: SchoolDate("2025-11-03")!, ends: SchoolDate("2025-12-12")!,
                                 reviewOn: SchoolDate("2025-11-24")!, parentAgreed: true, note: "mornings only", by: "h"))
        cw.put(Intervention(id: "i1", upn: "X", kind: .earlyHelpAssessment, on: SchoolDate("2025-11-05")!, note: "EHA started", by: "h"))
        cw.put(PenaltyNoticeRequest(id: "p1", upn: "X", parent: "Sarah \"Sal\" Smith", on: SchoolDate("2025-11-20")!, by: "h",
                                    amount: 80, amountIfLate: 160, unauthorisedSessions: 12, reason: "holiday\nin term"))
        let file = Snapshot.CaseworkFile(schemaVersion: 2, policy: cw.policy, cases: Array(cw.cases.values),
                                         meetings: cw.meetings.values.flatMap { $0 }, timetables: cw.timetables.values.flatMap { $0 },
                                         interventions: cw.interventions.values.flatMap { $0 }, penaltyNotices: cw.penaltyNotices.values.flatMap { $0 })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var back = Casework()
        try SnapshotReaders.casework([UInt8](try encoder.encode(file)), file: "casework.json", into: &back)
        var expected = cw
        expected.clearContacts()  // the contact log lives in its own files
        #expect(back == expected)
    }
}

@Suite("Reading the contact log fast")
struct ContactsReadingTests {
    /// Every field of an entry, with escapes, emoji, nulls and lists, and a generated year's
    /// log: the fast reader gives exactly what `JSONDecoder` gives, pretty-printed or not.
    @Test func theContactsReaderReadsWhatTheEncoderWrites() throws {
        var generator = SchoolGenerator(asOf: SchoolDate("2025-12-12")!)
        generator.pupils = 90
        generator.policy = try PolicyFile.preset("bridgewater-park")
        var entries = generator.generate().casework.contacts.values.flatMap { $0 }
        #expect(entries.count > 50)
        var visit = ContactLogEntry(id: "v1", upn: "A1", kind: .homeVisit, on: SchoolDate("2025-12-11")!, time: "14:05", by: "fsw", byName: "Fay \"F\" Worker",
                                    visitedBy: ["fsw", "李 伟"], childSeen: false, adultSpokenTo: "Mum\nline", text: "Emoji 👩‍👧 \u{1F600} back/slash\\",
                                    followUp: SchoolDate("2025-12-15")!, sensitive: true, concern: true)
        visit.heldApart = true
        entries += [visit,
                    ContactLogEntry(id: "c1", upn: "B2", kind: .call, on: SchoolDate("2025-12-12")!, by: "office", byName: "Olive",
                                    contactName: "Sam", number: "07700 900123", outcome: .spoke, reasonCode: .illness, text: "poorly"),
                    ContactLogEntry(id: "l1", upn: "B2", kind: .letter, on: SchoolDate("2025-12-12")!, by: "office", byName: "Olive",
                                    template: "band-1", concern: false)]
        let doc = Snapshot.ContactsYear(schemaVersion: 2, academicYear: "2025-26", entries: entries)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for encoder in [pretty, JSONEncoder()] {
            let data = try encoder.encode(doc)
            let decoded = try JSONDecoder().decode(Snapshot.ContactsYear.self, from: data)
            let fast = try SnapshotReaders.contacts([UInt8](data), file: "contacts.json")
            #expect(fast.schemaVersion == 2)
            #expect(fast.entries == decoded.entries)
            #expect(fast.entries == entries)
        }
    }

    @Test func anEntryMissingARequiredFieldIsRefusedNamingTheFile() {
        let text = #"{"schemaVersion": 2, "academicYear": "2025-26", "entries": [{"id": "c1", "upn": "A1", "kind": "call", "on": "2025-12-12", "by": "o", "text": "", "sensitive": false}]}"#
        #expect { try SnapshotReaders.contacts([UInt8](text.utf8), file: "contacts.json") } throws: {
            "\($0)".contains("contacts.json") && "\($0)".contains("missing")
        }
        let badKind = #"{"schemaVersion": 2, "entries": [{"id": "c1", "upn": "A1", "kind": "fax", "on": "2025-12-12", "by": "o", "byName": "O", "text": "", "sensitive": false}]}"#
        #expect { try SnapshotReaders.contacts([UInt8](badKind.utf8), file: "contacts.json") } throws: { "\($0)".contains("fax") }
    }
}

@Suite("Journal lines for many marks")
struct MarkBatchTests {
    @Test func manyMarksRoundTripThroughTheCompactForm() throws {
        var marks: [MarkChange] = []
        var s = session("2025-08-25", .am)  // crosses into the next academic year
        for i in 0..<200 {
            let previous: Mark? = i % 3 == 0 ? Mark(.reasonNotYetEstablished, comment: "was \(i)") : nil
            let mark: Mark? = i % 7 == 0 ? nil : Mark(i % 2 == 0 ? .lateBeforeClose : .partTimeTimetable, minutesLate: i % 2 == 0 ? i : nil)
            marks.append(MarkChange(upn: i % 2 == 0 ? "A1" : "B2", session: s, mark: mark, previous: previous))
            s = s.next
        }
        let t = Transaction(marks.map(Change.mark) + [.staffRemoved(login: "x")], reason: "imported from m.csv", origin: .importFile("m.csv"))
        let record = JournalRecord(seq: 7, at: Date(timeIntervalSince1970: 1_764_580_500), by: head, transaction: t)
        #expect(record.marks?.count == 4 && record.changes.count == 1)
        var line = try record.line()
        line.removeLast()
        let back = try JournalRecord.parse(line).transaction
        #expect(Set(back.changes) == Set(t.changes))
        #expect(back.origin == t.origin && back.reason == t.reason)
        #expect(JournalRecord.peek(line)! == (7, "2025"))
    }
}
