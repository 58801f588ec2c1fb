import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// SIMS reports saved as XML (`RecordXML`): the same pupils and marks as the CSV samples,
/// so every figure must come out the same as theirs.
@Suite("SIMS reports saved as XML")
struct SIMSXMLTests {
    func figures(_ store: Store, _ upn: String) -> AttendanceFigures {
        Statistics(register: store.school.register, calendar: store.school.calendar)
            .figures(for: upn, in: DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-09-07")!))
    }

    /// A store with the pupils from `pupils` and the marks from `marks`.
    func store(_ dir: TempDirectory, pupils: String, marks: String) throws -> (Store, Store.ImportResult) {
        let store = try Store.create(at: dir.file("store"), schoolName: "Sample School", head: head)
        store.now = { storeTestMorning }
        try store.commit(Transaction([.staff(office)]), by: head)
        _ = try store.importPupils(try PupilImport.read(try Samples.text(pupils).text, file: pupils), file: pupils, by: office)
        return (store, try Samples.importMarks(marks, into: store))
    }

    @Test func pupilsAreTheSameAsFromTheCSV() throws {
        let xml = try PupilImport.read(try Samples.text("sims-pupils.xml").text, file: "sims-pupils.xml")
        let csv = try PupilImport.read(try Samples.text("sims-pupils.csv").text, file: "sims-pupils.csv")
        #expect(xml.pupils.count == 4)
        #expect(xml.pupils == csv.pupils)
        let zoe = try #require(xml.pupils.first)
        #expect(zoe.legalForename == "Zoë" && zoe.yearGroup == YearGroup(7) && zoe.registrationGroup == "7A")
        #expect(xml.pupils[1].legalSurname == "O'Rourke" && xml.pupils[1].preferredName == nil && xml.pupils[1].flags.senSupport)
        #expect(xml.pupils[2].yearGroup == YearGroup(8) && xml.pupils[2].registrationGroup == "8B" && xml.pupils[2].contacts.isEmpty)
        #expect(xml.pupils[3].legalSurname == "Nakamura" && xml.pupils[3].flags.ehcp)
    }

    @Test func aMarkPerRecordGivesTheWeeklyCSVsFigures() throws {
        let (xml, read) = try store(TempDirectory(), pupils: "sims-pupils.xml", marks: "sims-marks.xml")
        let (csv, _) = try store(TempDirectory(), pupils: "sims-pupils.csv", marks: "sims-weekly-marks.csv")
        #expect(read.read == 36 && read.added == 36)
        for n in 1...4 {
            let upn = "X90000000000\(n)"
            #expect(figures(xml, upn) == figures(csv, upn), "\(upn)")
        }
        let sean = figures(xml, "X900000000002")
        #expect(sean.possible == 10 && sean.attended == 6 && sean.unexplained == 2 && sean.authorisedAbsence == 2)
        #expect(figures(xml, "X900000000001").lateBeforeClose == 1)
    }

    @Test func xmlIsKnownByItsContentAndTakesMap() throws {
        let text = """
          <?xml version="1.0" encoding="windows-1252"?>
        <Report><Record><Pupil_Number>X900000000009</Pupil_Number><Legal_Surname>Hale</Legal_Surname>
        <Legal_Forename>Ada</Legal_Forename><DOB>2013-05-01</DOB><Year>Year  7</Year><Reg>7C</Reg></Record></Report>
        """
        let pupils = try PupilImport.parse(text, file: "report.csv", mapping: ["UPN": "Pupil Number"])
        #expect(pupils.map(\.upn) == ["X900000000009"] && pupils[0].registrationGroup == "7C")
    }

    @Test func aBadRecordIsNamedByTheLineItStartsOn() throws {
        let text = """
        <?xml version="1.0"?>
        <SuperStarReport>
          <Record><UPN>X900000000009</UPN><Surname>Hale</Surname><Forename>Ada</Forename><DOB>2013-05-01</DOB><Year>7</Year><Reg>7C</Reg></Record>
          <Record><UPN>X900000000010</UPN><Surname>Hale</Surname><Forename>Ida</Forename><DOB>2013-05-01</DOB><Year>Y15</Year></Record>
        </SuperStarReport>
        """
        let e = try #require(throws: ImportFailure.self) { try PupilImport.read(text, file: "r.xml") }
        #expect(e.problems.contains(.init(line: 4, reason: "missing Reg Group")))
        #expect(e.problems.contains(.init(line: 4, reason: "year group \"Y15\" is not N, R or 1–14")))
    }

    @Test func malformedEmptyOrCTFIsAClearErrorAndStoresNothing() throws {
        let dir = TempDirectory()
        let store = try Samples.store(dir)
        let before = contents(of: dir.file("store"))
        func refusal(_ text: String, _ name: String) throws -> String {
            let e = try #require(throws: ImportFailure.self, "\(name)") {
                _ = try store.importPupils(try PupilImport.read(text, file: name), file: name, by: office)
            }
            #expect(e.description.hasPrefix("\(name): nothing imported"))
            return e.description
        }
        let unclosed = try refusal(try Samples.text("bad-sims-unclosed.xml").text, "bad-sims-unclosed.xml")
        #expect(unclosed.contains("line 5: not well-formed XML (a closing tag that does not match the element it closes)"), "\(unclosed)")
        let ctf = try refusal(try Samples.text("sample-ctf.xml").text, "sample-ctf.xml")
        #expect(ctf.contains("this is a Common Transfer File (CTF); import it with `rollcall import ctf sample-ctf.xml`"))
        let empty = try refusal("<?xml version=\"1.0\"?>\n<SuperStarReport>\n</SuperStarReport>\n", "empty.xml")
        #expect(empty.contains("no records in the file"))
        let marks = try #require(throws: ImportFailure.self) { try Samples.importMarks("bad-sims-unclosed.xml", into: store) }
        #expect(marks.description.contains("not well-formed XML"))
        #expect(contents(of: dir.file("store")) == before)
    }
}
