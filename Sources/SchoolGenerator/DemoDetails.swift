import Attendance

extension SchoolGenerator {
    /// The demo school's particular pupils, so every screen has something real to show:
    /// two absences with no reason this morning (one a vulnerable child on day 3), a pupil
    /// dual registered at an alternative provision, and a part-time timetable.
    func addDemoDetails(to school: inout School, roll: [Pupil], bands: [MarkGenerator.Band]) {
        let days = SchoolDays(calendar: school.calendar, register: Register())
        // On a weekend or holiday, the details belong to the last day the school was open.
        var today = asOf
        for _ in 0..<30 where !days.isOpen(day: today) { today = today.adding(days: -1) }
        guard days.isOpen(day: today) else { return }
        let good = roll.indices.filter { bands[$0] == .good }
        guard good.count >= 4 else { return }
        var rng = SeededRandom(seed: seed, 6)
        let picks = good.shuffled(using: &rng).prefix(4).map { roll[$0] }

        // Day 1: no reason given this morning.
        for half in SessionHalf.allCases where isTaken(Session(today, half)) {
            school.register.record(Mark(.reasonNotYetEstablished), for: picks[0].upn, at: Session(today, half))
        }

        // Day 3, vulnerable (child in need, with a social worker).
        var vulnerable = picks[1]
        vulnerable.flags.childInNeed = true
        vulnerable.flags.hasSocialWorker = true
        school.upsert(vulnerable)
        var day = today, run = 0
        while run < 3 {
            if days.isOpen(day: day) {
                for half in SessionHalf.allCases where isTaken(Session(day, half)) {
                    school.register.record(Mark(.reasonNotYetEstablished), for: vulnerable.upn, at: Session(day, half))
                }
                run += 1
            }
            day = day.adding(days: -1)
        }

        // Dual registered: Tuesday and Thursday afternoons at an alternative provision.
        let dual = picks[2]
        for d in DateRange(AcademicYear(containing: today).firstDay, today).days where [.tuesday, .thursday].contains(d.weekday) {
            let pm = Session(d, .pm)
            if days.isOpen(pm), school.register.mark(for: dual.upn, at: pm) != nil {
                school.register.record(Mark(.dualRegistered, comment: "Oakwood Learning Centre"), for: dual.upn, at: pm)
            }
        }

        // A part-time timetable: mornings only for four weeks, ending next week.
        let pt = picks[3]
        let ends = today.adding(days: 7)
        let starts = ends.adding(days: -27)
        for d in DateRange(starts, today).days {
            let pm = Session(d, .pm)
            if days.isOpen(pm), isTaken(pm) { school.register.record(Mark(.partTimeTimetable), for: pt.upn, at: pm) }
        }
        school.casework.put(PartTimeTimetable(id: "t-demo", upn: pt.upn, starts: starts, ends: ends, reviewOn: today.adding(days: 3),
                                              parentAgreed: true, note: "Mornings only while settling after a long illness; agreed with mum",
                                              by: SchoolGenerator.staff.fsw.login))
    }

    /// True for a register the generated school has taken: every one before the as-of date,
    /// and that day's in `takenOnTheDay`.
    func isTaken(_ session: Session) -> Bool { session.date != asOf || takenOnTheDay.contains(session.half) }
}
