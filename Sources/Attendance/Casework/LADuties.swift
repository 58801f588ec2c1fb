/// Something the school owes the local authority about one pupil (rules.md, "Duties towards
/// the local authority"): `rollcall duties`, `today` and the calling list share it.
public struct LADuty: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// 10 or more continuous school days of unauthorised absence (G, N, O, U).
        case absentTenDays = "absent_10_days"
        /// 15 or more school days missed through illness this year, consecutive or not.
        case illnessFifteenDays = "illness_15_days"
        /// A part-time timetable, from its first day (the LA is told of every one), and again
        /// if it is still running (C2) past its end date.
        case partTimeTimetable = "part_time_timetable"
        /// Attendance this year at or below the severe-absence line (50%): a child who fails
        /// to attend regularly, for the LA's support team.
        case severeAbsence = "severe_absence"
        /// Attendance this year below the line the policy sets for telling the LA
        /// (`laReferralBelowPercent`), where it is above the severe-absence line.
        case belowPolicyLine = "below_policy_line"
        /// A pupil leaving with no known destination (children missing education).
        case leavingNoDestination = "leaving_no_destination"
        /// 20 or more continuous school days of G, N or O: the removal-from-roll conditions.
        case removalFromRoll = "removal_from_roll"
    }

    public var upn: String
    public var kind: Kind
    /// When what is owed began: the run's first day, the first day of illness this year, the
    /// timetable's start (or the first day past its end), the leaving date.
    public var since: SchoolDate
    /// School days counted (the run, days of illness, days on the timetable); nil for a leaver.
    public var days: Double?
    /// The day the duty arose (the 10th, 15th or 20th day, the day after 6 school weeks or
    /// after the end, the leaving date): the LA should hear by then.
    public var due: SchoolDate
    /// When a `report_to_la` action on the pupil's cases was done for it; nil: still owed.
    public var done: SchoolDate?
    /// What to tell the LA, with the numbers.
    public var text: String
}

extension School {
    /// Every duty to the LA as of a date, for every pupil whatever today's mark (done ones
    /// included, with when), in register order, then by due date.
    public func laDuties(asOf date: SchoolDate) -> [LADuty] {
        let stats = statistics
        // The school days are the same for every pupil: found once, not once a pupil.
        let days = stats.schoolDays.openDays(in: Self.dutyRunsRange(asOf: date))
        return roll.flatMap { laDuties(for: $0, asOf: date, stats: stats, openDays: days) }
    }

    /// Runs of absence go on across holidays and into a new academic year, as the calling
    /// list counts them: a child missing since July is still missing in September.
    static func dutyRunsRange(asOf date: SchoolDate) -> DateRange {
        DateRange(AcademicYear(containing: date).previous.firstDay, date)
    }

    /// The duties still owed for one pupil, as the calling list shows them.
    public func laDuties(for upn: String, asOf date: SchoolDate) -> [String] {
        guard let pupil = pupils[upn] else { return [] }
        return laDuties(for: pupil, asOf: date, stats: statistics).filter { $0.done == nil }.map(\.text)
    }

    /// `openDays`: the school days of `dutyRunsRange(asOf:)`, when already found.
    func laDuties(for pupil: Pupil, asOf date: SchoolDate, stats: Statistics, openDays: [SchoolDate]? = nil) -> [LADuty] {
        let upn = pupil.upn
        let year = Statistics.yearToDate(date)
        let runsFrom = Self.dutyRunsRange(asOf: date)
        let runDays = openDays ?? stats.schoolDays.openDays(in: runsFrom)
        let yearDays = runDays.drop { $0 < year.start }
        let reports = casework.cases(for: upn).flatMap(\.actions).filter { $0.kind == "report_to_la" }.compactMap(\.doneOn).filter { $0 <= date }.sorted()
        func done(from start: SchoolDate) -> SchoolDate? { reports.first { $0 >= start } }
        var duties: [LADuty] = []
        // Off roll (the day after leaving): only the leaving itself is still the school's to
        // tell the LA; what arose before it is not listed as still to do.
        let onRoll = pupil.isOnRollForCasework(on: date)

        // No unauthorised mark at all in the years the runs are looked for (most pupils): no run.
        let unauthorisedRuns = !stats.hasAnyMark(for: upn, inYearsOf: runsFrom, counting: .unauthorisedAbsence) ? []
            : stats.runs(for: upn, openDays: runDays, end: runsFrom.end, where: { $0.counting == .unauthorisedAbsence })
        for run in unauthorisedRuns where run.count >= 10 && run.last! >= year.start {
            let open = run.last! >= stats.lastSchoolDay(onOrBefore: date, for: upn)
            duties.append(LADuty(upn: upn, kind: .absentTenDays, since: run[0], days: Double(run.count), due: run[9],
                                 done: done(from: run[0]),
                                 text: "Report to the LA: \(run.count) continuous school days of unauthorised absence (10 or more)"
                                     + (open ? "" : ", \(run[0].spoken) to \(run.last!.spoken)")))
        }
        // G, N and O are each unauthorised absence, so a run of them lies inside a run of
        // unauthorised absence: with no such run of 20 days there is none of G, N or O, and
        // the second pass over two years of days (for every pupil) is not needed.
        let gnoRuns = !unauthorisedRuns.contains { $0.count >= 20 } ? []
            : stats.runs(for: upn, openDays: runDays, end: runsFrom.end, where: { [.holidayNotGranted, .reasonNotYetEstablished, .unknownReason].contains($0) })
        for run in gnoRuns where run.count >= 20 && run.last! >= year.start {
            duties.append(LADuty(upn: upn, kind: .removalFromRoll, since: run[0], days: Double(run.count), due: run[19],
                                 done: done(from: run[0]),
                                 text: "\(run.count) continuous school days coded G, N or O: with the LA, consider whether the conditions to remove from roll are met"))
        }

        // Illness, consecutive or not: the day the 15th day (30th session) was reached.
        var illness = 0
        var firstIll: SchoolDate?
        var reached: SchoolDate?
        // Fewer than 30 I marks in the whole academic year (most pupils): never reached.
        if stats.marks(of: .illness, for: upn, inYearsOf: year) >= 30, let register = stats.register[upn] {
            var codes = CodeReader(register)
            for day in yearDays {
                for half in SessionHalf.allCases where codes.code(at: Session(day, half)) == .illness {
                    illness += 1
                    if firstIll == nil { firstIll = day }
                    if illness == 30 { reached = day }
                }
            }
        }
        if let firstIll, let reached {
            let days = Double(illness) / 2
            duties.append(LADuty(upn: upn, kind: .illnessFifteenDays, since: firstIll, days: days, due: reached, done: done(from: firstIll),
                                 text: "Tell the LA: \(formatDays(days)) days missed through illness this year (15 or more), so education can continue"))
        }

        // Part-time timetables: the LA hears of each from its first day, and again if it is
        // still running (C2) past its end.
        let timetables = casework.timetables[upn] ?? []
        for t in timetables where t.starts <= date {
            let onTimetable = Double(stats.schoolDays.openDays(in: DateRange(t.starts, min(date, t.ends))).count)
            duties.append(LADuty(upn: upn, kind: .partTimeTimetable, since: t.starts, days: onTimetable, due: t.starts, done: done(from: t.starts),
                                 text: "Tell the LA: a part-time timetable since \(t.starts.spoken) (ends \(t.ends.spoken))"
                                     + (PartTimeTimetable.isPastSixWeeks(t, asOf: date, days: stats.schoolDays) ? ", now past 6 school weeks" : "")))
            if t.ends < date, let register = stats.register[upn] {
                let after = stats.schoolDays.openDays(in: DateRange(t.ends.adding(days: 1), date)).filter { d in
                    SessionHalf.allCases.contains { register.code(at: Session(d, $0)) == .partTimeTimetable }
                        && !timetables.contains { $0.starts <= d && d <= $0.ends }
                }
                if let first = after.first {
                    duties.append(LADuty(upn: upn, kind: .partTimeTimetable, since: first, days: Double(after.count), due: first, done: done(from: first),
                                         text: "Tell the LA: a part-time timetable that ended \(t.ends.spoken) is still running past its end (\(formatDays(Double(after.count))) school day\(after.count == 1 ? "" : "s") coded C2 since)"))
                }
            }
        }

        // Severe absence, or below the policy's own line: a child who fails to attend
        // regularly. Only once the policy's minimum of possible sessions has passed, so one
        // day off in September is not "severely absent".
        let f = stats.figures(for: upn, in: year)
        let minimum = casework.policy?.percentRulesFromSessions ?? Policy.defaultMinimumPossibleSessions
        if f.possible >= minimum, onRoll, let percent = f.attendancePercent {
            let line = casework.policy?.laReferralBelowPercent
            let severe = f.isSevereAbsence
            let below = line.map { AttendanceLine.compare(attended: f.attended, possible: f.possible, threshold: $0) < 0 } ?? false
            if severe || below, let reached = firstDay(for: upn, over: yearDays, stats: stats, minimum: minimum, line: severe ? nil : line) {
                let words = severe ? "at or below the severe-absence line of 50%" : "below the policy's line of \(PercentText.truncated(line!))%"
                duties.append(LADuty(upn: upn, kind: severe ? .severeAbsence : .belowPolicyLine, since: reached, days: Double(f.absent) / 2, due: reached,
                                     done: done(from: reached),
                                     text: "Tell the LA's support team: attendance \(PercentText.truncated(percent))% this year, \(words): \(pupil.knownAs) is not attending regularly"))
            }
        }

        // A leaver with nowhere known to go: children missing education.
        if let leaving = pupil.leavingOn, (pupil.destination ?? "").allSatisfy(\.isWhitespace) {
            duties.append(LADuty(upn: upn, kind: .leavingNoDestination, since: leaving, days: nil, due: leaving,
                                 done: done(from: leaving.adding(days: -28)),
                                 text: "Tell the LA: \(pupil.knownAs) leaves on \(leaving.spoken) with no known destination (children missing education)"))
        }
        return duties.filter { onRoll || $0.kind == .leavingNoDestination }.sorted { $0.due < $1.due }
    }
}

extension School {
    /// The school day on which the pupil's attendance this year first fell to the
    /// severe-absence line (or below `line`), once `minimum` sessions were possible.
    func firstDay(for upn: String, over schoolDays: some Sequence<SchoolDate>, stats: Statistics, minimum: Int, line: Double?) -> SchoolDate? {
        guard let register = stats.register[upn] else { return nil }
        var codes = CodeReader(register)
        var attended = 0, possible = 0
        for day in schoolDays {
            for half in SessionHalf.allCases {
                guard let code = codes.code(at: Session(day, half)), code.counting.isPossible else { continue }
                possible += 1
                if code.counting == .attended { attended += 1 }
            }
            guard possible >= minimum else { continue }
            let reached = line.map { AttendanceLine.compare(attended: attended, possible: possible, threshold: $0) < 0 } ?? (2 * (possible - attended) >= possible)
            if reached { return day }
        }
        return nil
    }
}

extension Statistics {
    /// Each run of school days in `range` on which every possible session the pupil had
    /// matched, oldest first (as `consecutiveDays`: the range's last day is skipped if not
    /// yet marked; a school day with nothing possible, or no mark, ends a run, except a day
    /// the site closed unexpectedly (Y4), which holds no session and is stepped over as a
    /// holiday is).
    public func runs(for upn: String, in range: DateRange, where matches: (AttendanceCode) -> Bool) -> [[SchoolDate]] {
        runs(for: upn, openDays: schoolDays.openDays(in: range), end: range.end, where: matches)
    }

    /// The same over the range's school days already found (`end`: the range's last day).
    func runs(for upn: String, openDays: [SchoolDate], end: SchoolDate, where matches: (AttendanceCode) -> Bool) -> [[SchoolDate]] {
        guard let pupil = register[upn] else { return [] }
        var codes = CodeReader(pupil)
        var runs: [[SchoolDate]] = []
        var current: [SchoolDate] = []
        for day in openDays {
            // The day's two marks, counted without building arrays (this runs for every
            // pupil and school day of two years).
            var marked = 0, possible = 0, allSiteClosed = true, allMatch = true
            for half in SessionHalf.allCases {
                guard let code = codes.code(at: Session(day, half)) else { continue }
                marked += 1
                if code != .siteClosedUnexpectedly { allSiteClosed = false }
                if code.counting.isPossible {
                    possible += 1
                    if !matches(code) { allMatch = false }
                }
            }
            if marked == 0 && day == end { continue }
            if marked > 0, allSiteClosed { continue }
            if possible > 0, allMatch {
                current.append(day)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// How many of the pupil's marks in the academic years `range` touches are `code`: a
    /// byte count, far cheaper than walking the school days, to rule out a duty.
    func marks(of code: AttendanceCode, for upn: String, inYearsOf range: DateRange) -> Int {
        guard let pupil = register[upn] else { return 0 }
        let byte = code.byte
        var n = 0
        var year = AcademicYear(containing: range.start)
        while year.firstDay <= range.end {
            if let bytes = pupil.bytes(for: year) { n += bytes.reduce(0) { $1 == byte ? $0 + 1 : $0 } }
            year = year.next
        }
        return n
    }

    /// Whether the pupil has any mark counted as `counting` in the academic years `range`
    /// touches: a byte scan, far cheaper than walking the school days, to rule out a run.
    func hasAnyMark(for upn: String, inYearsOf range: DateRange, counting: AttendanceCode.Counting) -> Bool {
        guard let pupil = register[upn] else { return false }
        let table = AttendanceCode.countingByByte
        var year = AcademicYear(containing: range.start)
        while year.firstDay <= range.end {
            if let bytes = pupil.bytes(for: year), bytes.contains(where: { Int($0) < table.count && table[Int($0)] == counting }) { return true }
            year = year.next
        }
        return false
    }

    /// The last school day up to `date` whose registers are taken for the pupil.
    func lastSchoolDay(onOrBefore date: SchoolDate, for upn: String) -> SchoolDate {
        var day = date
        for _ in 0..<30 {
            if schoolDays.isOpen(day: day), let p = register[upn], p.code(at: Session(day, .am)) != nil || p.code(at: Session(day, .pm)) != nil { return day }
            day = day.adding(days: -1)
        }
        return date
    }
}

extension SchoolDays {
    /// The first day after `weeks` school weeks counted from the week of `start` (weeks
    /// with no school session, such as half-term, do not count).
    public func afterSchoolWeeks(_ weeks: Int, from start: SchoolDate) -> SchoolDate {
        var monday = start.weekStart
        var counted = 0
        for _ in 0..<104 where counted < weeks {
            if isSchoolWeek(startingMonday: monday) { counted += 1 }
            monday = monday.adding(days: 7)
        }
        return monday
    }
}

/// One pupil's codes read day after day, keeping the academic year's bytes (and its first and
/// last day) while the days stay in it: `PupilRegister.code(at:)` works out the session's
/// academic year and looks it up each time, which was most of the LA duties' cost.
struct CodeReader {
    let pupil: PupilRegister
    private var first = Int.max, last = Int.min
    private var bytes: [UInt8]?

    init(_ pupil: PupilRegister) { self.pupil = pupil }

    mutating func code(at session: Session) -> AttendanceCode? {
        let day = session.date.dayNumber
        if day < first || day > last {
            let year = session.academicYear
            first = year.firstDay.dayNumber
            last = year.lastDay.dayNumber
            bytes = pupil.bytes(for: year)
        }
        guard let bytes else { return nil }
        return AttendanceCode(byte: bytes[(day - first) * 2 + session.half.rawValue])
    }
}
