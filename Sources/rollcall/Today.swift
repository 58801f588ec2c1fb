import Attendance
import Foundation

extension SchoolDate {
    /// Today in the machine's time zone. Only the executable asks the clock; the domain and
    /// the store are given dates.
    static func today() -> SchoolDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return SchoolDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

/// `--as-of` and other date options: ISO or UK dates, `today`, `yesterday`, `tomorrow`, or a
/// weekday name meaning the last such day (`SchoolDate.init(parsing:today:weekdays:)`).
struct DateArgument: ExpressibleByArgument {
    var date: SchoolDate
    init?(argument: String) {
        guard let d = SchoolDate(parsing: argument, today: .today(), weekdays: .last) else { return nil }
        date = d
    }
    /// Listed by the parser when a date is refused ("Please provide one of the following").
    static var allValueStrings: [String] { SchoolDate.acceptedForms }
    static var defaultCompletionKind: CompletionKind { .default }
    var defaultValueDescription: String { date.description }
}

/// A date that looks ahead (follow-ups, reviews, the end of a timetable): a weekday name is
/// the next such day.
struct FollowUpDateArgument: ExpressibleByArgument {
    var date: SchoolDate
    init?(argument: String) {
        guard let d = SchoolDate(parsing: argument, today: .today(), weekdays: .next) else { return nil }
        date = d
    }
    static var allValueStrings: [String] { SchoolDate.acceptedForms }
    static var defaultCompletionKind: CompletionKind { .default }
    var defaultValueDescription: String { date.description }
}

import ArgumentParser
