import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// Columns a file has and Rollcall does not use are said, with how to map them (issue 21, item 12).
@Suite struct UnusedColumnTests {
    @Test func theDottedNamesOfMinutesLateAndCommentsAreRead() throws {
        let csv = "UPN,Date,Session,Mark,Session.Late.Minutes,Session.Notes\nA1,2025-09-01,AM,L,10,bus late\n"
        let file = try MarkImport.read(csv, file: "m.csv", knownUPNs: ["A1"])
        #expect(file.marks.first?.mark == Mark(.lateBeforeClose, minutesLate: 10, comment: "bus late"))
        #expect(file.unusedColumns.isEmpty)
        for (minutes, comment) in [("Late Mins", "Remarks"), ("Mins Late", "Attendance Comment"), ("Minutes.Late", "Mark.Comment")] {
            let other = "UPN,Date,Session,Mark,\(minutes),\(comment)\nA1,2025-09-01,AM,L,5,rain\n"
            #expect(try MarkImport.read(other, file: "m.csv", knownUPNs: ["A1"]).marks.first?.mark == Mark(.lateBeforeClose, minutesLate: 5, comment: "rain"), "\(minutes), \(comment)")
        }
    }

    @Test func aColumnNotUsedIsNamedWithHowToMapIt() throws {
        let csv = "UPN,Date,Session,Mark,Lateness,Teacher\nA1,2025-09-01,AM,L,10,Mr X\n"
        let file = try MarkImport.read(csv, file: "m.csv", knownUPNs: ["A1"])
        #expect(file.unusedColumns == ["Lateness", "Teacher"])
        #expect(file.unusedNote == "columns not used: \"Lateness\", \"Teacher\"; to read one, name its field with --map, e.g. --map minutes_late=\"Lateness\" (fields: minutes_late, comment)")
        // Mapped, it is read and no longer unused (both readers).
        let mapped = try MarkImport.read(csv, file: "m.csv", knownUPNs: ["A1"], mapping: ["minutes_late": "Lateness"])
        #expect(mapped.marks.first?.mark?.minutesLate == 10 && mapped.unusedColumns == ["Teacher"])
        let nonASCII = try MarkImport.read(csv.replacingOccurrences(of: "Mr X", with: "Mr Ó"), file: "m.csv", knownUPNs: ["A1"])
        #expect(nonASCII.unusedColumns == ["Lateness", "Teacher"])
    }

    @Test func aPupilsColumnNotUsedIsNamed() throws {
        let csv = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Mobile,House,Ethnicity\nA1,Smith,Ann,2016-01-01,3,3A,,Red,WBRI\n"
        let file = try PupilImport.read(csv, file: "p.csv")
        #expect(file.unusedColumns == ["House", "Ethnicity"])
        #expect(file.unusedNote?.contains("columns not used: \"House\", \"Ethnicity\"") == true)
        #expect(try PupilImport.read(csv, file: "p.csv", mapping: ["Preferred Name": "House"]).unusedColumns == ["Ethnicity"])
    }
}
