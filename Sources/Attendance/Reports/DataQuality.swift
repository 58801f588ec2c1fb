/// What a school's data is missing or has left too long, as of a date: the problems an
/// attendance officer clears before the figures (and any penalty notice) can be trusted.
public struct DataQuality: Sendable {
    /// An `N` (reason not yet established) still there more than 5 school days on.
    public struct StaleN: Hashable, Sendable { public var pupil: Pupil; public var session: Session }
    /// An open session in which pupils on roll have no mark at all.
    public struct Unmarked: Hashable, Sendable { public var session: Session; public var pupils: [Pupil] }
    /// A `C2` (part-time timetable) on a day no recorded timetable covers.
    public struct UncoveredC2: Hashable, Sendable { public var pupil: Pupil; public var session: Session }
    /// A part-time timetable running longer than 6 weeks (they are meant to be short).
    public struct LongTimetable: Hashable, Sendable { public var pupil: Pupil; public var timetable: PartTimeTimetable }
    /// A case whose review date has passed.
    public struct OverdueReview: Hashable, Sendable { public var pupil: Pupil; public var track: String; public var stage: String; public var due: SchoolDate }

    /// How long an N may stand (school days) before it is reported. A part-time timetable is
    /// reported past 6 school weeks (`PartTimeTimetable.isPastSixWeeks`).
    public static let nSchoolDays = 5

    public var asOf: SchoolDate
    public var staleN: [StaleN] = []
    public var unmarked: [Unmarked] = []
    public var uncoveredC2: [UncoveredC2] = []
    public var longTimetables: [LongTimetable] = []
    public var noContactPhone: [Pupil] = []
    public var overdueReviews: [OverdueReview] = []

    public var problemCount: Int {
        staleN.count + unmarked.reduce(0) { $0 + $1.pupils.count } + uncoveredC2.count + longTimetables.count
            + noContactPhone.count + overdueReviews.count
    }

    /// Checks the academic year to `date`. Sessions on `date` itself are not yet late to
    /// mark, so "no mark" looks only at the days before it.
    public init(school: School, asOf date: SchoolDate) {
        asOf = date
        let days = SchoolDays(calendar: school.calendar, register: school.register)
        let yearStart = AcademicYear(containing: date).firstDay
        // An N recorded on or before this day has stood for more than 5 school days.
        var nCutoff = date
        for _ in 0..<Self.nSchoolDays {
            repeat { nCutoff = nCutoff.adding(days: -1) } while nCutoff > yearStart && !days.countsAsSchoolDay(nCutoff)
        }
        let roll = school.roll
        var missing: [Session: [Pupil]] = [:]
        let sessions = DateRange(yearStart, date).days.flatMap { d in SessionHalf.allCases.map { Session(d, $0) } }
        let open = sessions.map { days.isOpen($0) }
        for p in roll {
            let marks = school.register[p.upn]
            let timetables = school.casework.timetables[p.upn] ?? []
            for (i, session) in sessions.enumerated() {
                let day = session.date
                let code = marks?.code(at: session)
                if code == nil, open[i], day < date, p.leavingOn.map({ day < $0 }) ?? true { missing[session, default: []].append(p) }
                if code == .reasonNotYetEstablished, day < nCutoff { staleN.append(StaleN(pupil: p, session: session)) }
                if code == .partTimeTimetable, !timetables.contains(where: { $0.starts <= day && day <= $0.ends }) {
                    uncoveredC2.append(UncoveredC2(pupil: p, session: session))
                }
            }
        }
        unmarked = missing.keys.sorted().map { Unmarked(session: $0, pupils: missing[$0]!) }
        for p in roll {
            for t in school.casework.timetables[p.upn] ?? [] where t.starts <= date && t.ends >= date
                && PartTimeTimetable.isPastSixWeeks(t, asOf: date, days: days) {
                longTimetables.append(LongTimetable(pupil: p, timetable: t))
            }
            if !p.contacts.contains(where: { !$0.phones.isEmpty }) { noContactPhone.append(p) }
            for c in school.casework.cases(for: p.upn) where c.isOpen {
                if let due = c.nextReview, due < date {
                    overdueReviews.append(OverdueReview(pupil: p, track: c.track, stage: c.stage ?? "", due: due))
                }
            }
        }
    }
}
