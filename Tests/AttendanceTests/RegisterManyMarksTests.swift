import Testing
@testable import Attendance

/// Recording a pupil's year of marks at once (an import) leaves the register exactly as
/// recording them one by one does: codes, details, and which sessions were open.
@Suite("Many marks at once")
struct RegisterManyMarksTests {
    @Test func manyAtOnceIsOneByOne() {
        let year = AcademicYear(startYear: 2025)
        let day = year.firstDay
        func session(_ slot: Int) -> Session { Session(day.adding(days: slot / 2), slot % 2 == 0 ? .am : .pm) }
        var before = Register()
        // Already there: marks that the batch replaces, clears or leaves, and a closure.
        for (slot, code) in [(0, AttendanceCode.presentAM), (1, .presentPM), (4, .illness), (6, .plannedClosure)] {
            before.record(Mark(code, comment: slot == 4 ? "flu" : nil), for: "A1", at: session(slot))
        }
        let marks: [(slot: Int, mark: Mark?)] = [
            (0, Mark(.lateBeforeClose, minutesLate: 5)), (1, nil), (2, Mark(.presentAM, comment: "new")),
            (4, Mark(.illness)), (6, Mark(.presentAM)), (9, Mark(.plannedClosure)),
        ]
        var oneByOne = before, atOnce = before
        for (slot, mark) in marks { oneByOne.record(mark, for: "A1", at: session(slot)) }
        atOnce.record(marks, for: "A1", in: year)
        for slot in 0..<12 {
            #expect(atOnce.mark(for: "A1", at: session(slot)) == oneByOne.mark(for: "A1", at: session(slot)), "slot \(slot)")
            #expect(atOnce.hasOpenMarks(at: session(slot)) == oneByOne.hasOpenMarks(at: session(slot)), "slot \(slot)")
        }
        #expect(atOnce.academicYears == oneByOne.academicYears)
        // A pupil with no marks that year, given only clears: no year appears.
        var empty = Register()
        empty.record([(0, nil)], for: "B2", in: year)
        #expect(empty.academicYears.isEmpty && empty.markCount == 0)
    }
}
