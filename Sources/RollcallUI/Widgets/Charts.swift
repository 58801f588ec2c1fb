import Attendance

/// Small charts drawn with text: a sparkline, bars, and the year's marks as a grid.
enum Charts {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per week, its height the week's attendance from 50% (lowest) to 100%.
    static func sparkline(_ weeks: [AttendanceFigures]) -> StyledLine {
        guard !weeks.isEmpty else { return StyledLine("No weeks with sessions yet", .dim) }
        var line = StyledLine()
        for f in weeks.suffix(60) {
            let tenths = f.possible > 0 ? f.attended * 1000 / f.possible : 0
            let level = max(0, min(7, (tenths - 500) * 8 / 501))
            // The persistent-absence line as the domain draws it (`isPersistentAbsence`).
            let tone: Tone = f.possible == 0 || f.isPersistentAbsence ? .unauthorised : f.absent > 0 ? .late : .present
            line.add(String(blocks[level]), Style(tone))
        }
        let last = weeks.last!
        line.add("  latest week \(PercentText.attendance(last))%", .dim)
        return line
    }

    /// Absent sessions on each weekday, as bars.
    static func weekdayBars(_ pattern: [Weekday: AttendanceFigures]) -> [StyledLine] {
        let days: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let most = max(1, days.map { pattern[$0]?.absent ?? 0 }.max() ?? 1)
        return days.map { d in
            let absent = pattern[d]?.absent ?? 0
            var line = StyledLine(fit(d.shortName, 5))
            line.add(String(repeating: "█", count: absent * 30 / most), Style(absent == most && absent > 0 ? .unauthorised : .authorised))
            line.add(" \(plural(absent, "session")) absent of \(pattern[d]?.possible ?? 0)", .dim)
            return line
        }
    }

    /// The year so far as a registration certificate: a row per week, Monday to Friday,
    /// two marks a day (AM then PM), coloured by what they count as.
    static func yearCalendar(upn: String, school: School, through date: SchoolDate) -> [StyledLine] {
        let year = AcademicYear(containing: date)
        let days = school.statistics.schoolDays
        var out = [StyledLine("w/c         Mo Tu We Th Fr", .dim)]
        var monday = year.firstDay.weekStart
        while monday <= date {
            var line = StyledLine(fit(monday.spoken, 12), .dim)
            var any = false
            for offset in 0..<5 {
                let day = monday.adding(days: offset)
                for half in SessionHalf.allCases {
                    let s = Session(day, half)
                    if day < year.firstDay || day > date {
                        line.add(" ", .dim)
                    } else if let m = school.register.mark(for: upn, at: s) {
                        any = true
                        line.add(String(m.code.symbol.prefix(1)), Style(tone(for: m.code)))
                    } else if days.isOpen(s) {
                        line.add("?", .alert)
                    } else {
                        line.add("·", .dim)
                    }
                }
                line.add(" ")
            }
            if any || days.isSchoolWeek(startingMonday: monday) { out.append(line) }
            monday = monday.adding(days: 7)
        }
        return out
    }

    /// The colour a mark is drawn in.
    static func tone(for code: AttendanceCode) -> Tone {
        switch code {
        case .lateBeforeClose: return .late
        case .lateAfterClose: return .unauthorised
        default: break
        }
        switch code.counting {
        case .attended: return .present
        case .authorisedAbsence: return .authorised
        case .unauthorisedAbsence: return .unauthorised
        case .notPossible: return .notPossible
        }
    }
}
