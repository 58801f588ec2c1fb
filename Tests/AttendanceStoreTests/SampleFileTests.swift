import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The files in Samples/, written by us from the public descriptions of each system's
/// exports (every name and UPN invented), imported as `rollcall import` does.
enum Samples {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples").path

    static func text(_ name: String) throws -> ImportText {
        try ImportText.decode(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")), file: name)
    }

    /// A store with the SIMS pupils imported.
    static func store(_ dir: TempDirectory) throws -> Store {
        let store = try Store.create(at: dir.file("store"), schoolName: "Sample School", head: head)
        store.now = { storeTestMorning }
        try store.commit(Transaction([.staff(office)]), by: head)
        let pupils = try PupilImport.read(try text("sims-pupils.csv").text, file: "sims-pupils.csv")
        _ = try store.importPupils(pupils, file: "sims-pupils.csv", by: office)
        return store
    }

    static func importMarks(_ name: String, into store: Store) throws -> Store.ImportResult {
        let file = try MarkImport.read(try text(name).text, file: name, knownUPNs: Set(store.school.pupils.keys))
        return try store.importMarks(file, file: name, by: office)
    }
}

@Suite("Sample files from real exports' layouts")
struct SampleFileTests {
    func figures(_ store: Store, _ upn: String, _ from: String, _ to: String) -> AttendanceFigures {
        Statistics(register: store.school.register, calendar: store.school.calendar)
            .figures(for: upn, in: DateRange(SchoolDate(from)!, SchoolDate(to)!))
    }

    @Test func simsPupilsInWindows1252() throws {
        let decoded = try Samples.text("sims-pupils.csv")
        #expect(decoded.note == "not UTF-8: read as Windows-1252 and converted to UTF-8")
        let pupils = try PupilImport.parse(decoded.text, file: "sims-pupils.csv")
        #expect(pupils.count == 4)
        let zoe = try #require(pupils.first)
        #expect(zoe.legalForename == "Zoë" && zoe.yearGroup == YearGroup(7) && zoe.registrationGroup == "7A")
        #expect(zoe.dateOfBirth == SchoolDate("2013-03-14") && zoe.contacts.first?.name == "Mara Ashdown")
        #expect(pupils[1].legalForename == "Seán" && pupils[1].legalSurname == "O'Rourke" && pupils[1].flags.senSupport)
        #expect(pupils[2].preferredName == "Lizzie" && pupils[2].yearGroup == YearGroup(8) && pupils[2].registrationGroup == "8B")
        #expect(pupils[3].flags.ehcp)
    }

    @Test func simsWeeklyMarksStrings() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        let r = try Samples.importMarks("sims-weekly-marks.csv", into: store)
        #expect(r.read == 10 + 10 + 10 + 6 && r.added == 36)
        let zoe = figures(store, "X900000000001", "2025-09-01", "2025-09-07")
        #expect(zoe.possible == 10 && zoe.attended == 10 && zoe.lateBeforeClose == 1)
        let sean = figures(store, "X900000000002", "2025-09-01", "2025-09-07")
        #expect(sean.possible == 10 && sean.attended == 6 && sean.unexplained == 2 && sean.authorisedAbsence == 2)
        #expect(figures(store, "X900000000004", "2025-09-01", "2025-09-07").possible == 6)
    }

    @Test func go4SchoolsSessionMarks() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        #expect(try Samples.text("go4schools-session-marks.csv").note == nil)
        let r = try Samples.importMarks("go4schools-session-marks.csv", into: store)
        #expect(r.read == 8 && r.added == 8)
        #expect(store.school.register.mark(for: "X900000000002", at: session("2025-09-08", .am))
                == Mark(.lateBeforeClose, minutesLate: 12, comment: "Bus late; mum rang"))
        #expect(figures(store, "X900000000003", "2025-09-08", "2025-09-08").authorisedAbsence == 1)
        #expect(figures(store, "X900000000004", "2025-09-08", "2025-09-08").unexplained == 2)
    }

    @Test func arborAttendanceRecordsBySessionNameAndByStartTime() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        let r = try Samples.importMarks("arbor-attendance-records.csv", into: store)
        #expect(r.read == 6 && r.added == 6)
        #expect(store.school.register.mark(for: "X900000000002", at: session("2025-09-09", .am))
                == Mark(.lateAfterClose, minutesLate: 40, comment: "Overslept, said so"))
        #expect(figures(store, "X900000000003", "2025-09-09", "2025-09-09").authorisedAbsence == 2)
        let timed = try Samples.importMarks("arbor-attendance-start-times.csv", into: store)
        #expect(timed.added == 2)
        #expect(store.school.register.mark(for: "X900000000004", at: session("2025-09-10", .am))?.code == .presentAM)
        #expect(store.school.register.mark(for: "X900000000004", at: session("2025-09-10", .pm))?.code == .presentPM)
    }

    @Test func excelUnicodeTextIsUTF16WithTabs() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        #expect(try Samples.importMarks("excel-unicode-text-marks.txt", into: store).added == 2)
        #expect(figures(store, "X900000000001", "2025-09-11", "2025-09-11").attended == 2)
    }

    @Test func everyBadSampleIsAClearErrorAndStoresNothing() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        let before = contents(of: dir.file("store"))
        let expected = [
            "bad-unknown-header.csv": "the file's columns are \"Pupil\", \"Day\", \"Half\", \"What\"; it needs upn, date, session (or a date-time), mark",
            "bad-ambiguous-delimiter.csv": "cannot tell how the columns are separated: the first line has 2 commas and 1 semicolons",
            "bad-utf16-no-bom.csv": "looks like UTF-16 text without a byte-order mark",
            "bad-datetime-no-session.csv": "line 3: \"2025-09-12T00:00:00\" is a date-time at midnight, which says nothing about the session",
        ]
        for (name, message) in expected {
            let e = try #require(throws: ImportFailure.self, "\(name)") { try Samples.importMarks(name, into: store) }
            #expect(e.description.contains(message), "\(name): \(e.description)")
            #expect(e.description.hasPrefix("\(name): nothing imported"))
        }
        #expect(contents(of: dir.file("store")) == before)
    }
}
