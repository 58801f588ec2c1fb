import Attendance

/// What a journal row says about who did it, against who the database says appended it.
///
/// The database sets a row's `author` (the login that called `rollcall.append`), but the
/// body is the client's JSON: a login calling the function from psql could write a case
/// decision "by" the head, or a contact entry "by" the DSL. Rollcall itself fills those in
/// with the acting login (`School.completing`), so a row whose body names anyone else was
/// written outside Rollcall. Records already in the school (a notice being withdrawn, a plan
/// being updated) keep the author they were first recorded with.
extension School {
    /// The first thing in `t` that names an author other than `login`, said in words; nil
    /// when every author in it is `login` (or the record's first author, for one re-recorded).
    func forgedAuthor(in t: Transaction, login: String) -> String? {
        func named(_ by: String, _ what: String) -> String? {
            by == login ? nil : "\(what) names \(by) as its author"
        }
        func existing<T>(_ table: [String: [T]], _ upn: String, _ id: String, _ key: KeyPath<T, String>) -> T? {
            table[upn]?.first { $0[keyPath: key] == id }
        }
        for change in t.changes {
            var problem: String?
            switch change {
            case .caseDecision(let d):
                problem = named(d.change.by, "a case decision for \(d.upn)")
            case .actionDone(let a):
                problem = named(a.by, "an action done for \(a.upn)")
            case .contact(let e):
                if let was = existing(casework.contacts, e.upn, e.id, \.id) {
                    if was.by != e.by { problem = "a contact-log entry for \(e.upn) changes its author from \(was.by) to \(e.by)" }
                } else {
                    problem = named(e.by, "a contact-log entry for \(e.upn)")
                    if problem == nil, let member = staff[login], e.byName != member.name {
                        problem = "a contact-log entry for \(e.upn) names \(e.byName) as its author"
                    }
                }
            case .meeting(let m):
                if let was = existing(casework.meetings, m.upn, m.id, \.id) {
                    if was.by != m.by { problem = "a meeting for \(m.upn) changes its author from \(was.by) to \(m.by)" }
                } else {
                    problem = named(m.by, "a meeting for \(m.upn)")
                }
            case .timetable(let p):
                if let was = existing(casework.timetables, p.upn, p.id, \.id) {
                    if was.by != p.by { problem = "a timetable for \(p.upn) changes its author from \(was.by) to \(p.by)" }
                } else {
                    problem = named(p.by, "a timetable for \(p.upn)")
                }
            case .intervention(let i):
                if let was = existing(casework.interventions, i.upn, i.id, \.id) {
                    if was.by != i.by { problem = "an intervention for \(i.upn) changes its author from \(was.by) to \(i.by)" }
                } else {
                    problem = named(i.by, "an intervention for \(i.upn)")
                }
            case .penaltyNotice(let p):
                let was = existing(casework.penaltyNotices, p.upn, p.id, \.id)
                if let was, was.by != p.by {
                    problem = "a penalty notice request for \(p.upn) changes its author from \(was.by) to \(p.by)"
                } else if was == nil {
                    problem = named(p.by, "a penalty notice request for \(p.upn)")
                }
                if problem == nil, let w = p.withdrawn, was?.withdrawn != w {
                    problem = named(w.by, "a penalty notice's withdrawal for \(p.upn)")
                }
            case .registerClosed(let c):
                problem = named(c.by, "a register closed for \(c.group)")
            default:
                break
            }
            if let problem { return problem }
        }
        return nil
    }
}
