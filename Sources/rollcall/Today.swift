import Attendance
import AttendanceStore
import Foundation

extension SchoolDate {
    /// Today in the school's time zone (not the computer's: a server may run on UTC). Only
    /// the executable asks the clock; the domain and the store are given dates.
    static func today() -> SchoolDate { SchoolClock.local(Date(), timeZone: SchoolTimeZone.current).date }
}

/// The school's time zone for this process: Europe/London (the default setting, and every
/// English school's) until a store is opened, then the store's setting.
enum SchoolTimeZone {
    nonisolated(unsafe) static var current = SchoolSettings.defaultTimeZone

    /// The time of day now, "09:42", in the school's time zone.
    static func clock() -> String { SchoolClock.local(Date(), timeZone: current).time.description }
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
