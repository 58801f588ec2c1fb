import Attendance
import Foundation
import Testing
@testable import AttendanceStore

/// A transaction of marks is written without JSONEncoder (the database store's one durable
/// mark pays for every microsecond): the text must be exactly the encoder's, and read back
/// the same; anything the short path does not write plainly goes to the encoder.
@Suite("A journal body of marks, written without the encoder")
struct TransactionJSONTests {
    let day = SchoolDate("2026-03-16")!

    func marks(_ n: Int) -> [Change] {
        let codes = AttendanceCode.allCases
        return (0..<n).map { i in
            let code = codes[i % codes.count]
            let mark: Mark? = i % 7 == 6 ? nil : Mark(code, minutesLate: i % 3 == 0 ? i : nil,
                                                      comment: i % 4 == 1 ? "said \"ill\" \\ back at 1/2 past" : nil)
            let previous: Mark? = i % 2 == 0 ? Mark(codes[(i + 1) % codes.count]) : nil
            return .mark(MarkChange(upn: "A12345678901\(i % 10)", session: Session(day.adding(days: i / 2), i % 2 == 0 ? .am : .pm),
                                    mark: mark, previous: previous))
        }
    }

    @Test("every code, a removal, comments with quotes and slashes, minutes late, reasons and origins: the encoder's text")
    func theEncodersText() throws {
        let cases: [(Transaction, String?)] = [
            (Transaction(marks(1)), nil),
            (Transaction(marks(1), reason: "rang at 9: \"a cold\""), "2026-03-16 09:05"),
            (Transaction(marks(AttendanceCode.allCases.count)), nil),  // every code as the mark
            (Transaction(marks(64), reason: "register", origin: .importFile("marks/2026.csv")), nil),
            (Transaction(marks(3), origin: .undo), "2026-03-16 14:00"),
            (Transaction([]), nil),
        ]
        for (t, schoolTime) in cases {
            let short = try #require(TransactionJSON.encodeMarks(t, schoolTime: schoolTime))
            #expect(short == (try TransactionJSON.encodeWithEncoder(t, schoolTime: schoolTime)))
            let read = try TransactionJSON.decodeWithMoment(short)
            #expect(read.transaction.changes == t.changes && read.transaction.reason == t.reason && read.schoolTime == schoolTime)
        }
    }

    @Test("what it does not write plainly goes to the encoder: other changes, a batch, text beyond ASCII")
    func theRestGoesToTheEncoder() throws {
        var accented = marks(1)
        accented[0] = .mark(MarkChange(upn: "A123456789012", session: Session(day, .am), mark: Mark(.illness, comment: "Zoë's mum rang")))
        let others: [Transaction] = [
            Transaction(marks(65)),
            Transaction(accented),
            Transaction(marks(1), reason: "line one\nline two"),
            Transaction(marks(1) + [.staffRemoved(login: "fay")]),
        ]
        for t in others {
            #expect(TransactionJSON.encodeMarks(t, schoolTime: nil) == nil)
            #expect(try TransactionJSON.encode(t) == TransactionJSON.encodeWithEncoder(t))
        }
    }
}
