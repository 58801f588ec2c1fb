import Attendance

/// Attendance that looks like a real school's: most pupils 95–100%, a tail of persistent
/// and a few severe absentees, winter illness, term-time holidays next to half-terms,
/// Monday/Friday patterns, lateness with minutes, mid-year joiners, and registers taken up
/// to the morning of the as-of date.
struct MarkGenerator {
    let days: SchoolDays
    let asOf: SchoolDate

    struct Profile {
        var absenceRate: Double
        var unauthorisedShare: Double
        var mondayFriday: Bool
        var lateRate: Double
        var holiday: Bool
        var joinsOn: SchoolDate?
    }

    static func profile(_ rng: inout SeededRandom, year: AcademicYear) -> Profile {
        let r = rng.unit()
        let rate: Double
        switch r {
        case ..<0.60: rate = rng.double(0.0...0.03)
        case ..<0.81: rate = rng.double(0.03...0.075)
        case ..<0.975: rate = rng.double(0.10...0.22)
        case ..<0.99: rate = rng.double(0.22...0.40)
        default: rate = rng.double(0.52...0.75)
        }
        return Profile(absenceRate: rate, unauthorisedShare: rate > 0.1 ? rng.double(0.2...0.6) : rng.double(0.0...0.15),
                       mondayFriday: rng.chance(0.04), lateRate: rng.chance(0.12) ? rng.double(0.03...0.15) : 0.002,
                       holiday: rng.chance(0.07),
                       joinsOn: rng.chance(0.02) ? year.firstDay.adding(days: rng.int(40...200)) : nil)
    }

    /// Marks for one pupil for one academic year (up to the as-of morning).
    func marks(for year: AcademicYear, profile p: Profile, rng: inout SeededRandom) -> [(Session, Mark)] {
        var out: [(Session, Mark)] = []
        let last = min(year.lastDay, asOf)
        var episode = 0  // days of illness still to run
        var holidayDays = 0
        var holidayStart: SchoolDate?
        if p.holiday, let cal = days.calendar {
            let breaks = cal.terms.compactMap(\.halfTerm).filter { year.contains($0.start) && $0.start < last }
            if let b = breaks.randomElement(using: &rng) { holidayStart = rng.chance(0.5) ? b.start.adding(days: -7) : b.end.adding(days: 3) }
        }
        var day = year.firstDay
        while day <= last {
            defer { day = day.adding(days: 1) }
            let am = Session(day, .am), pm = Session(day, .pm)
            let amOpen = days.isOpen(am), pmOpen = days.isOpen(pm)
            if !amOpen && !pmOpen {
                if !day.isWeekend && (days.calendar?.term(containing: day) != nil) {
                    out.append((am, Mark(.plannedClosure)))
                    out.append((pm, Mark(.plannedClosure)))
                }
                continue
            }
            let isToday = day == asOf
            if let joins = p.joinsOn, day < joins {
                out.append((am, Mark(.notYetOnRoll)))
                if !isToday { out.append((pm, Mark(.notYetOnRoll))) }
                continue
            }
            var code: AttendanceCode? = nil
            if let start = holidayStart, day >= start, day < start.adding(days: 7) {
                holidayDays += 1
                if holidayDays <= 5 { code = .holidayNotGranted }
            }
            let winter = [12, 1, 2].contains(day.month) ? 1.7 : 1.0
            if code == nil, episode > 0 { code = .illness; episode -= 1 }
            if code == nil, rng.chance(p.absenceRate * winter / 1.8) {
                if rng.chance(p.unauthorisedShare) { code = .unknownReason } else { code = .illness; episode = rng.int(0...2) }
            }
            if code == nil, p.mondayFriday, day.weekday == .monday || day.weekday == .friday, rng.chance(0.3) {
                code = rng.chance(0.5) ? .unknownReason : .illness
            }
            if code == nil, rng.chance(0.004) { code = .medical }
            if let code {
                out.append((am, Mark(code)))
                if !isToday { out.append((pm, Mark(code == .medical ? .presentPM : code))) }
                continue
            }
            if rng.chance(p.lateRate) {
                let after = rng.chance(0.15)
                out.append((am, Mark(after ? .lateAfterClose : .lateBeforeClose, minutesLate: after ? rng.int(31...70) : rng.int(3...25))))
            } else {
                out.append((am, Mark(.presentAM)))
            }
            if !isToday { out.append((pm, Mark(.presentPM))) }
        }
        return out
    }
}
