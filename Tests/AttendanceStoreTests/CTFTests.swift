import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The Common Transfer File: a fictional sample written from the DfE's public description.
@Suite("Common Transfer File import and export")
struct CTFTests {
    static let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/sample-ctf.xml").path
    static var sample: Data { FileManager.default.contents(atPath: samplePath)! }

    func figures(_ store: Store, _ upn: String) -> [Int] {
        let f = store.school.statistics.figures(for: upn, in: DateRange(SchoolDate("2025-09-01")!, SchoolDate("2026-08-31")!))
        return [f.possible, f.attended, f.authorisedAbsence, f.unauthorisedAbsence]
    }

    @Test func theSampleImportsWithItsFigures() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let records = try CTF.parse(Self.sample, file: "sample.xml")
        #expect(records.map(\.pupil.upn) == ["A900000000001", "A900000000002"])
        let ada = records[0].pupil
        #expect(ada.legalSurname == "Example" && ada.legalForename == "Ada" && ada.preferredName == nil)
        #expect(ada.dateOfBirth == SchoolDate("2016-05-14") && ada.yearGroup == YearGroup(5))
        // Contacts in their Order, with names, relationship words, phones and responsibility.
        #expect(ada.contacts.map(\.name) == ["Cleo Sample", "Mr Bram Example"])
        #expect(ada.contacts.map(\.relationship) == ["Mother", "Father"])
        #expect(ada.contacts[0].phones == ["07700 900001"] && ada.contacts[0].parentalResponsibility)
        #expect(records[1].pupil.preferredName == "Dom")
        // The 2024 year has totals but no marks: read past, not stored.
        #expect(records[0].years.count == 1)

        // Without a group for the new pupils nothing is stored, and both are named.
        let refused = #expect(throws: ImportFailure.self) { try store.importCTF(records, file: "sample.xml", regGroup: nil, by: office) }
        #expect(refused?.description.contains("A900000000001") == true && refused?.description.contains("--reg-group") == true)
        #expect(store.school.pupils["A900000000001"] == nil)

        let r = try store.importCTF(records, file: "sample.xml", regGroup: "5X", by: office)
        #expect(r == Store.CTFImportResult(pupils: 2, added: 2, marksRead: 28, marksStored: 28, notes: records[0].notes))
        #expect(figures(store, "A900000000001") == [18, 11, 4, 3])
        #expect(figures(store, "A900000000002") == [6, 4, 0, 2])
        #expect(store.school.pupils["A900000000002"]?.registrationGroup == "5X")
        #expect(store.school.register["A900000000001"]?.mark(at: session("2025-09-09", .pm))?.code == .performanceAbroad)
        #expect(store.school.register["A900000000001"]?.mark(at: session("2025-09-12", .am))?.code == .plannedClosure)

        // Re-importing changes nothing; a pupil already here keeps their group without --reg-group.
        let again = try store.importCTF(try CTF.parse(Self.sample, file: "sample.xml"), file: "sample.xml", regGroup: nil, by: office)
        #expect(again.added == 0 && again.marksStored == 0)
        #expect(store.school.pupils["A900000000001"]?.registrationGroup == "5X")
    }

    /// A CTF cut short (a failed download) was read up to where it stopped: on Linux
    /// `XMLParser.parse()` reports success, and a pupil was added from a third of a file.
    @Test func aCTFCutShortOrWithAMismatchedTagIsRefusedWholeNamingTheLine() throws {
        let cut = Data(Self.sample.prefix(Self.sample.count * 2 / 3))
        let truncated = #expect(throws: ImportFailure.self) { try CTF.parse(cut, file: "cut.xml") }
        #expect(truncated?.description.contains("not well-formed XML") == true || truncated?.description.contains("cut short") == true, "\(String(describing: truncated))")
        let text = String(decoding: Self.sample, as: UTF8.self).replacingOccurrences(of: "</Surname>", with: "</Surnam>")
        let mismatched = #expect(throws: ImportFailure.self) { try CTF.parse(Data(text.utf8), file: "tag.xml") }
        #expect(mismatched?.description.contains("a closing tag that does not match") == true, "\(String(describing: mismatched))")
    }

    @Test func marksThatDoNotAddUpAreRefusedNamingThePupilAndFigures() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let text = String(decoding: Self.sample, as: UTF8.self)
            .replacingOccurrences(of: "<SessionsPossible>18</SessionsPossible>", with: "<SessionsPossible>20</SessionsPossible>")
        let failure = #expect(throws: ImportFailure.self) { try CTF.parse(Data(text.utf8), file: "bad.xml") }
        let message = failure?.description ?? ""
        #expect(message.contains("nothing imported"))
        #expect(message.contains("A900000000001 (Example, Ada)"))
        #expect(message.contains("the marks give possible 18, attended 11, authorised 4, unauthorised 3"))
        #expect(message.contains("the file says possible 20, attended 11, authorised 4, unauthorised 3"))
        #expect(!message.contains("A900000000002"))
        #expect(store.school.pupils.count == 2)  // only makeStore's pupils
    }

    @Test func exportCTFReadsBackToTheSameFigures() throws {
        let dir = TempDirectory()
        let source = try makeStore(dir)
        _ = try source.importCTF(try CTF.parse(Self.sample, file: "sample.xml"), file: "sample.xml", regGroup: "5X", by: office)
        let upns = ["A900000000001", "A900000000002", "A1"]
        let xml = try CTF.document(upns, school: source.school, generated: "2025-09-20T10:00:00Z")

        let fresh = try Store.create(at: dir.file("fresh"), schoolName: "New School", head: head)
        fresh.now = { storeTestMorning }
        let r = try fresh.importCTF(try CTF.parse(Data(xml.utf8), file: "leavers.xml"), file: "leavers.xml", regGroup: "6Y", by: head)
        #expect(r.added == 3)
        for upn in upns {
            #expect(figures(fresh, upn) == figures(source, upn), "\(upn)")
            #expect(CTF.years(of: upn, in: fresh.school) == CTF.years(of: upn, in: source.school), "\(upn)")
            var moved = try #require(fresh.school.pupils[upn])
            moved.registrationGroup = source.school.pupils[upn]!.registrationGroup
            #expect(moved.upn == upn && moved.legalSurname == source.school.pupils[upn]!.legalSurname)
            #expect(moved.dateOfBirth == source.school.pupils[upn]!.dateOfBirth && moved.yearGroup == source.school.pupils[upn]!.yearGroup)
            #expect(moved.contacts.map(\.phones) == source.school.pupils[upn]!.contacts.map(\.phones))
        }
        // The marks-string layout: a row per pupil and year, from the first marked day's AM.
        let csv = Export.marksStringCSV(fresh.school)
        #expect(csv.contains("A900000000002,2025-09-03,ZZ/\\/\\----NO"))
        #expect(csv.contains("A900000000001,2025-09-01,/\\/LII/\\GG----/\\Mc/\\U\\##"))
    }

    /// The marks-string export reads back through the marks import to the same figures, a day
    /// whose afternoon is unmarked included (B2 has only a morning mark): the string keeps
    /// whole days.
    @Test func theMarksStringExportImportsBackToTheSameFigures() throws {
        let dir = TempDirectory()
        let source = try makeStore(dir)
        let csv = Export.marksStringCSV(source.school)
        #expect(csv.contains("B2,2025-09-01,N-"))
        let fresh = try Store.create(at: dir.file("fresh"), schoolName: "New School", head: head)
        fresh.now = { storeTestMorning }
        _ = try fresh.importPupils(try PupilImport.parse(pupilsCSV, file: "p.csv"), file: "p.csv", by: head)
        _ = try fresh.importMarks(try MarkImport.read(csv, file: "marks.csv", knownUPNs: ["A1", "B2"]), file: "marks.csv", by: head)
        for upn in ["A1", "B2"] { #expect(figures(fresh, upn) == figures(source, upn), "\(upn)") }
    }
}
