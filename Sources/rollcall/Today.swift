import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

/// The process's one clock: the machine's, or the school's moment fixed by `--today`/`--now`
/// (`StoreOptions` sets it once, as the command line is read, before any command runs). The
/// store is opened with it and the app ticks by it, so every rule sees the same moment. Only
/// the executable asks the machine's clock; the domain and the UI are given dates and times.
enum ProcessClock {
    nonisolated(unsafe) static var current = Clock.system

    /// The school's date and time of day now, in the school's time zone.
    static var moment: (date: SchoolDate, time: ClockTime) { current.moment(timeZone: SchoolTimeZone.current) }
}

extension SchoolDate {
    /// Today in the school's time zone (not the computer's: a server may run on UTC), by the
    /// process's clock: `--today` where it was given.
    static func today() -> SchoolDate { ProcessClock.moment.date }
}

/// The school's time zone for this process: Europe/London (the default setting, and every
/// English school's) until a store is opened, then the store's setting.
enum SchoolTimeZone {
    nonisolated(unsafe) static var current = SchoolSettings.defaultTimeZone

    /// The time of day now, "09:42", in the school's time zone (`--now` where it was given).
    static func clock() -> String { ProcessClock.moment.time.description }
}

/// `--as-of` and other date options: ISO or UK dates, `today`, `yesterday`, `tomorrow`, or a
/// weekday name meaning the last such day (`SchoolDate.init(parsing:today:weekdays:)`).
/// A word is read against the process's clock when the command uses it, not as the command
/// line is parsed, so `--as-of yesterday --today 2026-11-30` means 29 November.
struct DateArgument: ExpressibleByArgument {
    let text: String
    var date: SchoolDate { SchoolDate(parsing: text, today: .today(), weekdays: .last)! }
    init?(argument: String) {
        guard SchoolDate(parsing: argument, today: .today(), weekdays: .last) != nil else { return nil }
        text = argument
    }
    init(_ date: SchoolDate) { text = date.description }
    /// Listed by the parser when a date is refused ("Please provide one of the following").
    static var allValueStrings: [String] { SchoolDate.acceptedForms }
    static var defaultCompletionKind: CompletionKind { .default }
    var defaultValueDescription: String { text }
}

/// A date that looks ahead (follow-ups, reviews, the end of a timetable): a weekday name is
/// the next such day.
struct FollowUpDateArgument: ExpressibleByArgument {
    let text: String
    var date: SchoolDate { SchoolDate(parsing: text, today: .today(), weekdays: .next)! }
    init?(argument: String) {
        guard SchoolDate(parsing: argument, today: .today(), weekdays: .next) != nil else { return nil }
        text = argument
    }
    static var allValueStrings: [String] { SchoolDate.acceptedForms }
    static var defaultCompletionKind: CompletionKind { .default }
    var defaultValueDescription: String { text }
}
