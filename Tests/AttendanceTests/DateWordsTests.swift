import Testing
@testable import Attendance

@Suite("Dates typed by people: today, yesterday, tomorrow and weekday names")
struct DateWordsTests {
    /// Wednesday 5 November 2025.
    let wednesday = SchoolDate(year: 2025, month: 11, day: 5)!

    func parse(_ text: String, _ reading: SchoolDate.WeekdayReading = .last) -> String? {
        SchoolDate(parsing: text, today: wednesday, weekdays: reading)?.description
    }

    @Test func relativeWords() {
        #expect(wednesday.weekday == .wednesday)
        #expect(parse("today") == "2025-11-05")
        #expect(parse("Yesterday") == "2025-11-04")
        #expect(parse("TOMORROW") == "2025-11-06")
    }

    @Test func aWeekdayIsTheLastOneOnOrBeforeToday() {
        #expect(parse("monday") == "2025-11-03")
        #expect(parse("Mon") == "2025-11-03")
        #expect(parse("tues") == "2025-11-04")
        #expect(parse("wednesday") == "2025-11-05")  // today itself
        #expect(parse("thursday") == "2025-10-30")
        #expect(parse("sun") == "2025-11-02")
    }

    @Test func forAFollowUpItIsTheNextOneAfterToday() {
        #expect(parse("monday", .next) == "2025-11-10")
        #expect(parse("wed", .next) == "2025-11-12")  // a week on, not today
        #expect(parse("thurs", .next) == "2025-11-06")
        #expect(parse("friday", .next) == "2025-11-07")
        #expect(parse("tomorrow", .next) == "2025-11-06")
    }

    @Test func datesStillParseAndNonsenseIsRefused() {
        #expect(parse("2025-09-01") == "2025-09-01")
        #expect(parse("01/09/2025") == "2025-09-01")
        for bad in ["mo", "someday", "2025-13-01", "31/02/2025", "monday2", ""] { #expect(parse(bad) == nil, "\(bad)") }
        #expect(SchoolDate.acceptedForms.contains("tomorrow"))
    }

    @Test func impossibleTimesAreRefused() {
        for bad in ["25:99", "24:00", "8:60", "8.40", "0840"] { #expect(ClockTime(parsing: bad) == nil, "\(bad)") }
        #expect(ClockTime(parsing: "8:40")?.description == "08:40")
    }
}
