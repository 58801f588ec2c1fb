import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// The CTF as the DfE describes it and a real MIS writes it: the marks sit inside
/// `<AttendSessions>` within `<YearData>` (issue 21, item 11).
@Suite struct CTFAttendSessionsTests {
    static var sampleText: String { String(decoding: CTFTests.sample, as: UTF8.self) }

    /// The sample with its marks moved into `<AttendSessions>`, as the spec places them.
    static var specPlacement: String {
        var text = sampleText
        for start in ["2025-09-01", "2025-09-03"] {
            text = text.replacingOccurrences(of: "<AttendanceStartDate>\(start)</AttendanceStartDate>",
                                             with: "<AttendSessions>\n<AttendanceStartDate>\(start)</AttendanceStartDate>")
        }
        return text.replacingOccurrences(of: "</AttendanceMarks>", with: "</AttendanceMarks>\n</AttendSessions>")
    }

    @Test func marksInsideAttendSessionsAreRead() throws {
        #expect(Self.specPlacement.contains("<AttendSessions>"))
        let records = try CTF.parse(Data(Self.specPlacement.utf8), file: "spec.xml")
        let old = try CTF.parse(CTFTests.sample, file: "sample.xml")
        #expect(records.map(\.years) == old.map(\.years))
        #expect(records[0].years.first?.marks.count == 24)
    }

    @Test func theExportPutsTheMarksWhereTheSpecDoes() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        _ = try store.importCTF(try CTF.parse(CTFTests.sample, file: "sample.xml"), file: "sample.xml", regGroup: "5X", by: office)
        let xml = try CTF.document(["A900000000001"], school: store.school, generated: "2025-09-20T10:00:00Z")
        let compact = xml.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(compact.contains("<AttendSessions><AttendanceStartDate>2025-09-01</AttendanceStartDate><AttendanceMarks>"), "\(xml)")
        #expect(compact.contains("</AttendanceMarks></AttendSessions></YearData>"))
    }

    @Test func aYearWithTotalsButNoMarksStringIsReportedPerPupil() throws {
        let records = try CTF.parse(CTFTests.sample, file: "sample.xml")
        #expect(records[0].notes == ["A900000000001 (Example, Ada): the year 2024 has totals (380 possible) but no marks string: not stored"])
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let r = try store.importCTF(records, file: "sample.xml", regGroup: "5X", by: office)
        #expect(r.notes == records.flatMap(\.notes))
    }
}

/// A CTF nested 50,000 levels deep crashed the import (issue 21, item 9).
@Suite struct CTFDepthTests {
    @Test func aFileNestedTooDeeplyIsRefusedNamingTheLine() throws {
        let depth = 50_000
        let xml = "<?xml version=\"1.0\"?>\n<CTfile>\n<CTFpupilData>\n" + String(repeating: "<Pupil>\n", count: depth)
            + String(repeating: "</Pupil>\n", count: depth) + "</CTFpupilData>\n</CTfile>\n"
        let failure = #expect(throws: ImportFailure.self) { try CTF.parse(Data(xml.utf8), file: "deep.xml") }
        let message = failure?.description ?? ""
        #expect(message.contains("nested more than") && message.contains("line "), "\(message)")
        // As deep as a real CTF goes is read as before.
        #expect(try CTF.parse(CTFTests.sample, file: "sample.xml").count == 2)
    }

    @Test func aSIMSReportNestedTooDeeplyIsRefusedNamingTheLine() throws {
        let depth = 50_000
        let xml = "<?xml version=\"1.0\"?>\n<SuperStarReport>\n" + String(repeating: "<Record>\n", count: depth)
            + String(repeating: "</Record>\n", count: depth) + "</SuperStarReport>\n"
        let failure = #expect(throws: ImportFailure.self) { try PupilImport.parse(xml, file: "deep.xml") }
        #expect(failure?.description.contains("line ") == true, "\(String(describing: failure))")
    }
}
