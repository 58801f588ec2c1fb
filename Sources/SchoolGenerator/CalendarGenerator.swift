import Attendance

/// A typical English school year: three terms with half-terms, five INSET days and the early
/// May bank holiday, about 190 days open. Real schools differ by a few days; this is for the
/// demo and generated schools only.
public enum CalendarGenerator {
    public static func calendar(for year: AcademicYear) -> (terms: [Term], closures: [Closure]) {
        let y = year.startYear
        func d(_ yy: Int, _ m: Int, _ dd: Int) -> SchoolDate { SchoolDate(year: yy, month: m, day: dd)! }
        func onOrAfter(_ date: SchoolDate, _ weekday: Weekday) -> SchoolDate {
            var x = date
            while x.weekday != weekday { x = x.adding(days: 1) }
            return x
        }
        func onOrBefore(_ date: SchoolDate, _ weekday: Weekday) -> SchoolDate {
            var x = date
            while x.weekday != weekday { x = x.adding(days: -1) }
            return x
        }
        func weekFrom(_ monday: SchoolDate) -> DateRange { DateRange(monday, monday.adding(days: 4)) }

        let autumnStart = d(y, 9, 1).isWeekend ? onOrAfter(d(y, 9, 1), .monday) : d(y, 9, 1)
        let autumn = Term(name: "Autumn \(y)", dates: DateRange(autumnStart, onOrBefore(d(y, 12, 19), .friday)),
                          halfTerm: weekFrom(onOrBefore(d(y, 10, 31), .monday)))
        let springStart = onOrAfter(d(y + 1, 1, 4), .monday)
        let springEnd = onOrBefore(d(y + 1, 3, 31), .friday)
        let spring = Term(name: "Spring \(y + 1)", dates: DateRange(springStart, springEnd),
                          halfTerm: weekFrom(onOrAfter(d(y + 1, 2, 12), .monday)))
        let summer = Term(name: "Summer \(y + 1)", dates: DateRange(springEnd.adding(days: 17), onOrBefore(d(y + 1, 7, 22), .friday)),
                          halfTerm: weekFrom(onOrBefore(d(y + 1, 5, 31), .monday)))
        var closures: [Closure] = []
        let firstDays = autumn.dates.start
        closures.append(Closure(date: firstDays, reason: "INSET"))
        closures.append(Closure(date: firstDays.adding(days: firstDays.weekday == .friday ? 3 : 1), reason: "INSET"))
        closures.append(Closure(date: spring.dates.start, reason: "INSET"))
        closures.append(Closure(date: summer.halfTerm!.end.adding(days: 3), reason: "INSET"))
        closures.append(Closure(date: summer.dates.end, reason: "INSET"))
        closures.append(Closure(date: onOrAfter(d(y + 1, 5, 1), .monday), reason: "Early May bank holiday"))
        return ([autumn, spring, summer], closures)
    }

    public static func calendar(for years: [AcademicYear]) -> SchoolCalendar {
        var cal = SchoolCalendar()
        for y in years {
            let c = calendar(for: y)
            cal.terms += c.terms
            cal.closures += c.closures
        }
        return cal
    }
}
