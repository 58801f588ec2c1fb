import Attendance

/// Attendance that looks like a real school's: most pupils 95–100%, a tail of persistent
/// and a few severe absentees, winter illness, term-time holidays next to half-terms,
/// Monday/Friday patterns, lateness with minutes, mid-year joiners, and registers taken up
/// to the as-of date's registers in `takenOnTheDay` (its morning, unless said otherwise).
struct MarkGenerator {
    let days: SchoolDays
    let asOf: SchoolDate
    /// The as-of date's registers already taken: the morning's by default; none when the demo
    /// is made before the morning register closes, so the secretary has it to take.
    var takenOnTheDay: Set<SessionHalf> = [.am]

    struct Profile {
        var absenceRate: Double
        var unauthorisedShare: Double
        var mondayFriday: Bool
        var lateRate: Double
        var holiday: Bool
        var joinsOn: SchoolDate?
    }

    /// How a pupil's attendance tends to go in a year.
    enum Band { case good, moderate, persistent, severe }

    /// A band at the national rates, for years where no quota is set.
    static func randomBand(_ rng: inout SeededRandom) -> Band {
        switch rng.unit() {
        case ..<0.62: return .good
        case ..<0.82: return .moderate
        case ..<0.99: return .persistent
        default: return .severe
        }
    }

    static func profile(_ rng: inout SeededRandom, year: AcademicYear, band: Band? = nil) -> Profile {
        let rate: Double
        switch band ?? randomBand(&rng) {
        case .good: rate = rng.double(0.0...0.025)
        case .moderate: rate = rng.double(0.03...0.075)
        case .persistent: rate = rng.double(0.13...0.3)
        case .severe: rate = rng.double(0.68...0.85)
        }
        let high = rate > 0.1
        return Profile(absenceRate: rate, unauthorisedShare: high ? rng.double(0.2...0.6) : rng.double(0.0...0.15),
                       mondayFriday: high && rng.chance(0.2), lateRate: rng.chance(0.12) ? rng.double(0.03...0.15) : 0.002,
                       holiday: high ? rng.chance(0.25) : (rate > 0.03 ? rng.chance(0.03) : rng.chance(0.01)),
                       joinsOn: rng.chance(0.02) ? year.firstDay.adding(days: rng.int(40...200)) : nil)
    }

    /// The chance of an absence starting on a day, so that absence (one-day unauthorised
    /// absences, illness lasting 1–3 days) comes to the profile's rate over the year.
    func startChance(_ p: Profile) -> Double {
        let s = p.unauthorisedShare, r = p.absenceRate
        let meanLength = s + (1 - s) * 2
        return r / max(0.05, meanLength - r * (meanLength - 1))
    }

    /// Marks for one pupil for one academic year (up to the as-of date's taken registers).
    func marks(for year: AcademicYear, profile p: Profile, rng: inout SeededRandom) -> [(Session, Mark)] {
        // Every session is drawn as before (the same seed, the same school); the day's untaken
        // registers are left out afterwards. A planned closure is not a register anyone takes.
        drawMarks(for: year, profile: p, rng: &rng).filter { session, mark in
            session.date != asOf || takenOnTheDay.contains(session.half) || mark.code == .plannedClosure
        }
    }

    private func drawMarks(for year: AcademicYear, profile p: Profile, rng: inout SeededRandom) -> [(Session, Mark)] {
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
                if !isToday || takenOnTheDay.contains(.pm) { out.append((pm, Mark(.notYetOnRoll))) }
                continue
            }
            var code: AttendanceCode? = nil
            if let start = holidayStart, day >= start, day < start.adding(days: 7) {
                holidayDays += 1
                if holidayDays <= 5 { code = .holidayNotGranted }
            }
            // Winter illness: more absence December to February, a little less the rest of the year.
            let season = [12, 1, 2].contains(day.month) ? 1.4 : 0.85
            if code == nil, episode > 0 { code = .illness; episode -= 1 }
            if code == nil, rng.chance(min(1, startChance(p) * season)) {
                if rng.chance(p.unauthorisedShare) { code = .unknownReason } else { code = .illness; episode = rng.int(0...2) }
            }
            if code == nil, p.mondayFriday, day.weekday == .monday || day.weekday == .friday, rng.chance(0.2) {
                code = rng.chance(0.5) ? .unknownReason : .illness
            }
            if code == nil, rng.chance(0.004) { code = .medical }
            if let code {
                out.append((am, Mark(code)))
                if !isToday || takenOnTheDay.contains(.pm) { out.append((pm, Mark(code == .medical ? .presentPM : code))) }
                continue
            }
            if rng.chance(p.lateRate) {
                let after = rng.chance(0.15)
                out.append((am, Mark(after ? .lateAfterClose : .lateBeforeClose, minutesLate: after ? rng.int(31...70) : rng.int(3...25))))
            } else {
                out.append((am, Mark(.presentAM)))
            }
            if !isToday || takenOnTheDay.contains(.pm) { out.append((pm, Mark(.presentPM))) }
        }
        return out
    }
}
