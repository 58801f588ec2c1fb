import Attendance
import Testing
@testable import AttendanceStore

/// The byte-level reader of the one-mark-per-row layout must read every file exactly as
/// SwiftCSV does: the same marks, the same lines, the same problems.
@Suite("Marks read byte by byte")
struct ByteReaderTests {
    enum Outcome: Equatable {
        case read(marks: [MarkChange], lines: [Int], minutes: Bool, comment: Bool)
        case refused(ImportFailure)
        case asciiPathDeclined
    }

    static func outcome(_ body: () throws(ImportFailure) -> MarkFile?) -> Outcome {
        do {
            guard let f = try body() else { return .asciiPathDeclined }
            return .read(marks: f.marks, lines: f.lines, minutes: f.hasMinutesLate, comment: f.hasComment)
        } catch { return .refused(error) }
    }

    static let known: Set<String> = ["A1", "B2"]

    static let files: [String] = [
        "upn,date,session,mark\nA1,2025-09-01,AM,/\nA1,2025-09-01,PM,\\\n",
        // CR LF, a BOM, no newline at the end, surrounding spaces, blank lines in between.
        "\u{FEFF}UPN , Date,Session,Mark\r\n  A1 ,2025-09-01 , am ,N \r\n\r\n\r\nB2,01/09/2025,PM,L",
        // Quoted cells, doubled quotes, delimiters and line breaks inside quotes: lines still count.
        "upn,date,session,mark,minutes_late,comment\nA1,2025-09-01,AM,L,12,\"bus, late\"\n"
            + "A1,2025-09-02,AM,N,,\"said \"\"ill\"\"\non the phone\r\nlater\"\nB2,2025-09-02,AM,X,,\n",
        // Lone CRs, tabs, semicolons, a trailing empty field dropped at the end.
        "upn\tdate\tsession\tmark\rA1\t2025-09-01\tAM\tI\rB2\t2025-09-01\tAM\t",
        "upn;date;session;mark\nA1;2025-09-01;AM;I;\nA1;2025-09-01;AM;O\n",
        // Bad rows of every kind, named by line.
        "upn,date,session,mark,minutes_late\nZZ9,2025-09-01,AM,N,\nA1,2025-13-01,AM,N,\nA1,2025-09-01,XM,N,\n"
            + "A1,2025-09-01,AM,Q,\nA1,2025-09-01,AM,N,5\nA1 X,2025-09-01,AM,N,\n,,,,\nA1,2025-09-01,AM,N,,extra\n",
        // Date-times and times instead of a session.
        "upn,date,mark\nA1,2025-09-01 08:45:00,/\nA1,2025-09-01T13:30:00,\\\nA1,2025-09-02 00:00:00,N\nA1,2025-09-03,N\n",
        // Quotes out of place: SwiftCSV's own error with the line.
        "upn,date,session,mark\nA1,2025-09-01,AM,N\nA1,2025-09-01,PM,\"N\"x\n",
        "upn,date,session,mark\nA1,2025-09-01,AM,N\"N\n",
        // A quote left open at the end.
        "upn,date,session,mark\nA1,2025-09-01,AM,\"N",
        // Headers the byte reader leaves to the SwiftCSV path: empty, unknown, marks strings.
        "",
        "pupil,day,code\nA1,2025-09-01,N\n",
        "upn,start,marks\nA1,2025-09-01,/\\NN\n",
    ]

    @Test(arguments: files.indices)
    func bytesReadAsSwiftCSVReads(_ i: Int) {
        let text = ByteReaderTests.files[i]
        let slow = ByteReaderTests.outcome { () throws(ImportFailure) -> MarkFile? in
            try MarkImport.readWithSwiftCSV(text, file: "m.csv", knownUPNs: ByteReaderTests.known, mapping: [:])
        }
        let fast = ByteReaderTests.outcome { () throws(ImportFailure) -> MarkFile? in
            try MarkImport.readASCII(text, file: "m.csv", knownUPNs: ByteReaderTests.known, mapping: [:])
        }
        // Quotes out of place, and the headers it does not take, go to SwiftCSV.
        let declined: Set<Int> = [7, 8, 10, 11, 12]
        #expect(fast == (declined.contains(i) ? .asciiPathDeclined : slow), "file \(i)")
        #expect(ByteReaderTests.outcome { () throws(ImportFailure) -> MarkFile? in
            try MarkImport.read(text, file: "m.csv", knownUPNs: ByteReaderTests.known)
        } == slow)
    }

    @Test func theByteReaderTakesOrdinaryExportsAndLeavesTheRest() {
        func takes(_ text: String) -> Bool {
            ByteReaderTests.outcome { () throws(ImportFailure) -> MarkFile? in
                try MarkImport.readASCII(text, file: "m.csv", knownUPNs: ByteReaderTests.known, mapping: [:])
            } != .asciiPathDeclined
        }
        #expect(takes(ByteReaderTests.files[0]) && takes(ByteReaderTests.files[1]) && takes(ByteReaderTests.files[2]))
        #expect(!takes("upn,date,session,mark,comment\nA1,2025-09-01,AM,N,Zoë\n"))
        #expect(!takes("upn,date,session,mark\nA1,2025-09-01,AM,N\"N\n"))
        #expect(!takes("upn,start,marks\nA1,2025-09-01,/\\NN\n"))
    }
}
