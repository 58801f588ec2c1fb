import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// Any one CSV field is at most 64 KB, by either reader (issue 21, item 7).
@Suite struct FieldLimitTests {
    static let big = String(repeating: "x", count: 70_000)

    func failure(_ read: () throws -> Void) -> String {
        do { try read() } catch { return "\(error)" }
        return "read without a problem"
    }

    @Test func aFieldOver64KBIsRefusedNamingItsLineByEitherReader() {
        // ASCII: the byte-level reader is tried first for the one-mark-per-row layout.
        let marks = "upn,date,session,mark,minutes_late,comment\nA1,2025-09-01,AM,/,,\nA1,2025-09-01,PM,/,,\(Self.big)\n"
        let m = failure { _ = try MarkImport.parse(marks, file: "m.csv", knownUPNs: ["A1"]) }
        #expect(m.contains("line 3: field 6 is 70000 bytes long; a field is at most 64 KB"), "\(m)")
        let pupils = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nA1,Sm\u{EF}th,Ann,2016-01-01,3,3A\nB2,\(Self.big),Ben,2016-01-01,3,3A\n"
        let p = failure { _ = try PupilImport.parse(pupils, file: "p.csv") }
        #expect(p.contains("line 3: field 2 is 70000 bytes long; a field is at most 64 KB"), "\(p)")
    }
}
