import Attendance
import Foundation
import RollcallUI

/// A 5,000-character paste into a log note: from the characters as the terminal driver reads
/// them (one scalar at a time, gathered into the paste) to the frame that shows them drawn.
/// In process: the terminal's own delivery of the bytes is not in the figure.
enum PasteFigures {
    static func measure(school: School, staff: StaffMember, today: SchoolDate, runs: Int) -> Double {
        var fresh = AppState(context: AppContext(today: today, minutes: 9 * 60 + 5, staff: staff), school: school, width: 120, height: 40)
        _ = fresh.run(command: "log note \(school.roll.first?.upn ?? "")")
        let line = "Mum rang at 8:50: a temperature overnight, she will keep her at home today.\r"
        let scalars = Array(String(repeating: line, count: 5000 / line.count + 1).unicodeScalars.prefix(5000))
        return median((0..<max(runs, 5)).map { _ in
            var state = fresh
            return time {
                var read = String.UnicodeScalarView()
                for s in scalars { read.append(s) }
                _ = state.update(.pasted(String(read)))
                _ = state.draw()
            }
        })
    }
}
