import Testing
@testable import Attendance

@Suite("Dates, academic years and sessions")
struct SchoolDateTests {
    @Test func civilDateRoundTrips() {
        for n in stride(from: -1000, through: 40_000, by: 37) {
            let d = SchoolDate(dayNumber: n)
            let (y, m, day) = d.components
            #expect(SchoolDate(year: y, month: m, day: day) == d)
        }
        #expect(SchoolDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }

    @Test func impossibleDatesAreRejected() {
        #expect(SchoolDate(year: 2025, month: 2, day: 29) == nil)
        #expect(SchoolDate(year: 2024, month: 2, day: 29) != nil)
        #expect(SchoolDate(year: 2025, month: 4, day: 31) == nil)
        #expect(SchoolDate(year: 2025, month: 13, day: 1) == nil)
        #expect(SchoolDate(parsing: "31/02/2025") == nil)
        #expect(SchoolDate(parsing: "2025-9-1") == nil)
        #expect(SchoolDate(parsing: "tomorrow") == nil)
    }

    @Test func isoAndUKFormsParse() {
        #expect(SchoolDate(parsing: "2025-09-03") == SchoolDate(year: 2025, month: 9, day: 3))
        #expect(SchoolDate(parsing: "03/09/2025") == SchoolDate(year: 2025, month: 9, day: 3))
        #expect(SchoolDate(parsing: "3/9/2025") == SchoolDate(year: 2025, month: 9, day: 3))
        #expect(SchoolDate(year: 2025, month: 9, day: 3)!.description == "2025-09-03")
    }

    @Test func weekdays() {
        #expect(SchoolDate("2025-09-01")!.weekday == .monday)
        #expect(SchoolDate("2025-11-30")!.weekday == .sunday)
        #expect(SchoolDate("2026-11-30")!.weekday == .monday)
        #expect(SchoolDate("2025-09-07")!.weekStart == SchoolDate("2025-09-01"))
        #expect(SchoolDate("2025-09-01")!.weekStart == SchoolDate("2025-09-01"))
    }

    @Test func academicYearRunsSeptemberToAugust() {
        let y = AcademicYear(containing: SchoolDate("2026-03-15")!)
        #expect(y.startYear == 2025)
        #expect(y.description == "2025-26")
        #expect(AcademicYear(containing: SchoolDate("2025-09-01")!).startYear == 2025)
        #expect(AcademicYear(containing: SchoolDate("2025-08-31")!).startYear == 2024)
        #expect(y.dayCount == 365)
        #expect(AcademicYear(startYear: 2023).dayCount == 366)  // includes 29 Feb 2024
        #expect(AcademicYear("2025-26") == y)
        #expect(AcademicYear("2025-27") == nil)
    }

    @Test func sessionsOrderAndSlot() {
        let am = Session(SchoolDate("2025-09-01")!, .am)
        #expect(am.slotInYear == 0)
        #expect(am.next.half == .pm)
        #expect(am.next.next == Session(SchoolDate("2025-09-02")!, .am))
        #expect(Session(ordinal: am.ordinal + 3) == Session(SchoolDate("2025-09-02")!, .pm))
        #expect(Session(SchoolDate("2026-08-31")!, .pm).slotInYear == 729)
    }

    @Test func compulsorySchoolAge() {
        // Born 15 Oct 2019: fifth birthday 15 Oct 2024, compulsory from 31 Dec 2024.
        let p = Pupil(upn: "A1", legalSurname: "S", legalForename: "F", dateOfBirth: SchoolDate("2019-10-15")!,
                      yearGroup: .reception, registrationGroup: "R")
        #expect(!p.isOfCompulsorySchoolAge(on: SchoolDate("2024-12-30")!))
        #expect(p.isOfCompulsorySchoolAge(on: SchoolDate("2024-12-31")!))
        // Born 1 Mar 2010: 16 in March 2026, leaves the last Friday of June 2026 (26 June).
        let q = Pupil(upn: "A2", legalSurname: "S", legalForename: "F", dateOfBirth: SchoolDate("2010-03-01")!,
                      yearGroup: YearGroup(11), registrationGroup: "11A")
        #expect(q.isOfCompulsorySchoolAge(on: SchoolDate("2026-06-26")!))
        #expect(!q.isOfCompulsorySchoolAge(on: SchoolDate("2026-06-27")!))
        // Born 15 Aug 2010: 16 in August 2026, after the June date: still leaves June 2026.
        let r = Pupil(upn: "A3", legalSurname: "S", legalForename: "F", dateOfBirth: SchoolDate("2010-08-15")!,
                      yearGroup: YearGroup(11), registrationGroup: "11A")
        #expect(!r.isOfCompulsorySchoolAge(on: SchoolDate("2026-07-01")!))
    }

    @Test func yearGroupsParse() {
        #expect(YearGroup(parsing: "R") == .reception)
        #expect(YearGroup(parsing: "Reception") == .reception)
        #expect(YearGroup(parsing: "Year 7") == YearGroup(7))
        #expect(YearGroup(parsing: "Y11") == YearGroup(11))
        #expect(YearGroup(parsing: "N") == .nursery)
        #expect(YearGroup(parsing: "15") == nil)
        #expect(YearGroup(parsing: "blue") == nil)
    }

    @Test func displayWidthCountsColumns() {
        #expect(DisplayWidth.of("李小龙") == 6)
        #expect(DisplayWidth.of("Zoë") == 3)
        #expect(DisplayWidth.of("Zoe\u{0308}") == 3)  // decomposed ë
        #expect(DisplayWidth.of("Ólafsdóttir") == 11)
        #expect(DisplayWidth.truncate("李小龙", to: 5) == "李小")
    }
}
