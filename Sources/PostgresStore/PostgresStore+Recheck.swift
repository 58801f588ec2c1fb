import Attendance
import AttendanceStore
import Foundation

/// Each row read is checked again by the domain's rules, as its author was when it was
/// written (their role then, the school as it was before the row, the day it was written):
/// Rollcall checks every change before appending it, so a row the rules refuse was written
/// by calling `rollcall.append` directly (an office login recording a panel decision, say).
extension PostgresStore {
    /// Why the rules refuse row `seq`, or nil when they accept it.
    func ruleRefusal(_ t: Transaction, seq: Int, author: String, at: String, schoolTime: String?) -> String? {
        var checking = school
        if seq == 1 {
            // The founding row puts its author, the head, on the staff list.
            for case .staff(let s) in t.changes where s.login == author { checking.staff[author] = s }
        }
        guard let actor = checking.staff[author] else { return "\(author) was not on the staff list" }
        var day: SchoolDate?
        if let schoolTime, let d = SchoolDate(String(schoolTime.prefix(10))) {
            day = d
        } else if let instant = ISO8601DateFormatter().date(from: at) {
            day = SchoolClock.local(instant, timeZone: checking.settings.timeZone).date
        }
        var checked = t
        // Not recorded in the row; a mark outside the school's years still needs a reason.
        checked.allowingAnyDate = true
        do {
            try checking.check(checked, by: actor, today: day)
            return nil
        } catch {
            return error.message
        }
    }
}
