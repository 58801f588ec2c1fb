import Testing
@testable import Attendance

@Suite("The rolling 10 school weeks and unexplained-absence runs")
struct SchoolWeekTests {
    /// Autumn 2025: term 3 Sep–19 Dec, half-term 27–31 Oct, INSET 1–2 Sep.
    static let autumn = SchoolCalendar(
        terms: [Term(name: "Autumn", dates: DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-12-19")!),
                     halfTerm: DateRange(SchoolDate("2025-10-27")!, SchoolDate("2025-10-31")!))],
        closures: [Closure(date: SchoolDate("2025-09-01")!, reason: "INSET"), Closure(date: SchoolDate("2025-09-02")!, reason: "INSET")])

    @Test func calendarKnowsWhenTheSchoolIsOpen() {
        let c = Self.autumn
        #expect(!c.isOpen(Session(SchoolDate("2025-09-01")!, .am)))          // INSET
        #expect(c.isOpen(Session(SchoolDate("2025-09-03")!, .am)))
        #expect(!c.isOpen(Session(SchoolDate("2025-09-06")!, .am)))          // Saturday
        #expect(!c.isOpen(Session(SchoolDate("2025-10-28")!, .pm)))          // half-term
        #expect(!c.isOpen(Session(SchoolDate("2025-12-22")!, .am)))          // holidays
        #expect(c.halfTermPeriod(containing: SchoolDate("2025-11-10")!) == DateRange(SchoolDate("2025-11-01")!, SchoolDate("2025-12-19")!))
    }

    @Test func halfTermWeekIsNotASchoolWeek() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        // As of Fri 14 Nov: weeks of 10 Nov, 3 Nov, (27 Oct half-term skipped), 20 Oct … 1 Sep
        // (open 3–5 Sep after the INSET days): ten school weeks span eleven calendar weeks.
        let weeks = t.stats.schoolDays.schoolWeeks(count: 10, upTo: SchoolDate("2025-11-14")!)
        #expect(weeks.count == 10)
        #expect(!weeks.contains(SchoolDate("2025-10-27")!))
        #expect(weeks.last == SchoolDate("2025-09-01"))
        #expect(weeks.first == SchoolDate("2025-11-10"))
    }

    @Test func unauthorisedBeforeHalfTermStillCountsInTheWindow() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        // 4 G in the week of 1 Sep (the 10th school week back, because half-term is skipped),
        // 6 U in the week of 10 Nov.
        t.days(.holidayNotGranted, for: "P1", ["2025-09-03", "2025-09-04"])
        for d in ["2025-11-10", "2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14", "2025-11-10"] {
            t.set(.lateAfterClose, for: "P1", on: d, .am)
        }
        t.set(.lateAfterClose, for: "P1", on: "2025-11-11", .pm)
        let r = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: SchoolDate("2025-11-14")!)
        #expect(r.total == 10)
        #expect(r.window == DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-11-16")!))
        // A week later the week of 1 Sep drops out.
        let later = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: SchoolDate("2025-11-21")!)
        #expect(later.total == 6)
    }

    @Test func marksAfterTheAsOfDateDoNotCount() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        t.days(.unknownReason, for: "P1", ["2025-11-10", "2025-11-11", "2025-11-12"])
        let r = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: SchoolDate("2025-11-11")!)
        #expect(r.total == 4)
        #expect(r.stillUnexplained == 0)
    }

    @Test func workedExample4SummerHolidayWeeksAreNotSchoolWeeks() {
        // No calendar: open sessions come from the marks. Summer term ends Fri 18 Jul 2025.
        var t = TestSchool()
        for week in ["2025-06-30", "2025-07-07", "2025-07-14"] {
            let monday = SchoolDate(week)!
            for i in 0..<5 { t.days(.presentAM, for: "OTHER", [monday.adding(days: i).description]) }
        }
        for i in 0..<5 { t.days(.presentAM, for: "OTHER", [SchoolDate("2025-09-01")!.adding(days: i).description]) }
        t.set(.lateAfterClose, for: "P1", on: "2025-07-01", .am)
        t.set(.lateAfterClose, for: "P1", on: "2025-07-08", .am)
        t.set(.unknownReason, for: "P1", on: "2025-07-15", .am)
        t.set(.unknownReason, for: "P1", on: "2025-07-15", .pm)
        t.days(.holidayNotGranted, for: "P1", ["2025-09-01", "2025-09-02", "2025-09-03"])
        let r = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: SchoolDate("2025-09-05")!)
        #expect(r.total == 10)
        #expect(r.weeks.count == 4)  // only four school weeks exist in this hand-built school
    }

    @Test func stillUnexplainedCountsTheOpenNs() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        t.days(.reasonNotYetEstablished, for: "P1", ["2025-11-10", "2025-11-11"])
        t.days(.holidayNotGranted, for: "P1", ["2025-11-12", "2025-11-13", "2025-11-14"])
        let r = t.stats.unauthorisedInRecentSchoolWeeks(for: "P1", asOf: SchoolDate("2025-11-14")!)
        #expect(r.total == 10)
        #expect(r.stillUnexplained == 4)
    }

    @Test func consecutiveUnexplainedDaysStepOverWeekendsAndHalfTerm() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        t.days(.presentAM, for: "P1", ["2025-10-22"])
        t.days(.reasonNotYetEstablished, for: "P1", ["2025-10-23", "2025-10-24", "2025-11-03"])
        t.set(.unknownReason, for: "P1", on: "2025-11-04", .am)
        t.set(.reasonNotYetEstablished, for: "P1", on: "2025-11-04", .pm)
        #expect(t.stats.consecutiveUnexplainedDays(for: "P1", asOf: SchoolDate("2025-11-04")!) == 4)
        // The as-of day's register not taken yet: the run up to yesterday still shows.
        #expect(t.stats.consecutiveUnexplainedDays(for: "P1", asOf: SchoolDate("2025-11-05")!) == 4)
        // A day with a present session breaks the run.
        t.set(.presentPM, for: "P1", on: "2025-11-03", .pm)
        #expect(t.stats.consecutiveUnexplainedDays(for: "P1", asOf: SchoolDate("2025-11-04")!) == 1)
    }

    @Test func aHolidayOrAuthorisedDayEndsTheUnexplainedRun() {
        var t = TestSchool()
        t.school.calendar = Self.autumn
        t.days(.reasonNotYetEstablished, for: "P1", ["2025-11-10", "2025-11-12"])
        t.days(.holidayNotGranted, for: "P1", ["2025-11-11"])
        #expect(t.stats.consecutiveUnexplainedDays(for: "P1", asOf: SchoolDate("2025-11-12")!) == 1)
        // A morning N and an afternoon not-possible session: the only possible session was N.
        t.set(.reasonNotYetEstablished, for: "P1", on: "2025-11-11", .am)
        t.set(.dualRegistered, for: "P1", on: "2025-11-11", .pm)
        #expect(t.stats.consecutiveUnexplainedDays(for: "P1", asOf: SchoolDate("2025-11-12")!) == 3)
    }

    @Test func withoutACalendarOpenSessionsAreThoseWithMarksOtherThanHash() {
        var t = TestSchool()
        t.days(.plannedClosure, for: "P1", ["2025-09-01"])
        t.days(.presentAM, for: "P1", ["2025-09-02"])
        let days = t.stats.schoolDays
        #expect(!days.isOpen(day: SchoolDate("2025-09-01")!))
        #expect(days.isOpen(day: SchoolDate("2025-09-02")!))
        #expect(!days.isOpen(day: SchoolDate("2025-09-03")!))
        // Clearing the only mark closes the session again.
        t.school.register.record(nil, for: "P1", at: Session(SchoolDate("2025-09-02")!, .am))
        t.school.register.record(nil, for: "P1", at: Session(SchoolDate("2025-09-02")!, .pm))
        #expect(!t.stats.schoolDays.isOpen(day: SchoolDate("2025-09-02")!))
    }
}
