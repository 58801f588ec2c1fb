import Attendance

/// What a school holds that its audit trail never recorded: `final` is the school as the
/// store has it, `replayed` what its trail alone gives. The transactions returned, applied
/// before the trail, give `final` again (a store's snapshot can start non-empty: a
/// generated or demo school, or one migrated from the first layout). Empty when the trail
/// is the whole story. Marks come one academic year per transaction, so that no row is huge.
enum MoveBaseline {
    static func transactions(final f: School, replayed r: School, reason: String) -> [Transaction] {
        var records: [Change] = []
        for login in f.staff.keys.sorted() where r.staff[login] != f.staff[login] { records.append(.staff(f.staff[login]!)) }
        if f.settings != r.settings { records.append(.settings(f.settings)) }
        if let p = f.casework.policy, p != r.casework.policy { records.append(.policy(p)) }
        if f.calendar != r.calendar { records.append(.calendar(f.calendar)) }
        for p in f.roll where r.pupils[p.upn] != p { records.append(.pupil(p)) }
        for c in f.allRegisterClosures where !r.isClosed(group: c.group, session: c.session) { records.append(.registerClosed(c)) }
        records += casework(f.casework, r.casework)

        var byYear: [AcademicYear: [Change]] = [:]
        for (upn, pupil) in f.register.pupils.sorted(by: { $0.key < $1.key }) where r.register[upn] != pupil {
            let other = r.register[upn]
            for (year, bytes) in pupil.years {
                let first = Session(year.firstDay, .am).ordinal
                let otherBytes = other?.bytes(for: year)
                for slot in bytes.indices where bytes[slot] != 0 || (otherBytes.map { slot < $0.count && $0[slot] != 0 } ?? false) {
                    let s = Session(ordinal: first + slot)
                    let mark = pupil.mark(at: s)
                    if mark != other?.mark(at: s) { byYear[year, default: []].append(.mark(MarkChange(upn: upn, session: s, mark: mark))) }
                }
            }
        }
        var out: [Transaction] = []
        if !records.isEmpty { out.append(Transaction(records, reason: reason, origin: .migration)) }
        for year in byYear.keys.sorted() { out.append(Transaction(byYear[year]!, reason: reason, origin: .migration)) }
        return out
    }

    /// Case decisions and the log's entries `f` has and `r` does not (entries are kept by id;
    /// a case by its decisions, its actions coming with the first).
    private static func casework(_ f: Casework, _ r: Casework) -> [Change] {
        var out: [Change] = []
        func missing<T>(_ table: [String: [T]], _ other: [String: [T]], id: KeyPath<T, String>, _ make: (T) -> Change) {
            for upn in table.keys.sorted() {
                let have = Set((other[upn] ?? []).map { $0[keyPath: id] })
                for item in table[upn]! where !have.contains(item[keyPath: id]) { out.append(make(item)) }
            }
        }
        missing(f.contacts, r.contacts, id: \.id, Change.contact)
        missing(f.meetings, r.meetings, id: \.id, Change.meeting)
        missing(f.timetables, r.timetables, id: \.id, Change.timetable)
        missing(f.interventions, r.interventions, id: \.id, Change.intervention)
        missing(f.penaltyNotices, r.penaltyNotices, id: \.id, Change.penaltyNotice)
        for key in f.cases.keys.sorted() {
            let file = f.cases[key]!
            let other = r.cases[key]
            guard other != file else { continue }
            let decisions = file.history.filter { !(other?.history.contains($0) ?? false) }
            let actions = file.actions.filter { a in !(other?.actions.contains { $0.id == a.id } ?? false) }
            for (i, change) in decisions.enumerated() {
                out.append(.caseDecision(CaseDecision(upn: file.upn, track: file.track, change: change,
                                                      nextReview: i == decisions.count - 1 ? file.nextReview : nil,
                                                      newActions: i == 0 ? actions : [])))
            }
        }
        return out
    }
}
