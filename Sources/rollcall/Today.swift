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

/// `--as-of` and other date options: ISO or UK dates, or `today` / `yesterday`.
struct DateArgument: ExpressibleByArgument {
    var date: SchoolDate
    init?(argument: String) {
        switch argument.lowercased() {
        case "today": date = .today()
        case "yesterday": date = SchoolDate.today().adding(days: -1)
        default:
            guard let d = SchoolDate(parsing: argument) else { return nil }
            date = d
        }
    }
}

import ArgumentParser
