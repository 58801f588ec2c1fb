import Attendance
import AttendanceStore
@testable import RollcallUI

/// A small school for screen tests: two classes, names in several scripts, a term calendar,
/// a week of marks before "today" (Monday 30 November 2026) and a few absences.
enum UISchool {
    static let today = SchoolDate("2026-11-30")!
    static let office = StaffMember(login: "jsmith", name: "Jo Smith", role: .office)
    static let head = StaffMember(login: "head", name: "Mrs Okafor", role: .head, isDSL: true)

    static func pupil(_ upn: String, _ surname: String, _ forename: String, preferred: String? = nil, group: String = "4A",
                      flags: VulnerabilityFlags = VulnerabilityFlags(), phone: String = "07700 900123") -> Pupil {
        Pupil(upn: upn, legalSurname: surname, legalForename: forename, preferredName: preferred,
              dateOfBirth: SchoolDate("2017-03-0\(upn.count % 9 + 1)")!, yearGroup: YearGroup(4), registrationGroup: group, flags: flags,
              contacts: [Contact(name: "Parent of \(forename)", relationship: "Mother", phones: [phone], parentalResponsibility: true, livesWithPupil: true)])
    }

    static func make() -> School {
        var school = School(name: "Test Primary School")
        school.calendar = SchoolCalendar(terms: [
            Term(name: "Autumn", dates: DateRange(SchoolDate("2026-09-03")!, SchoolDate("2026-12-18")!),
                 halfTerm: DateRange(SchoolDate("2026-10-26")!, SchoolDate("2026-10-30")!)),
        ])
        var cp = VulnerabilityFlags()
        cp.childProtection = true
        let pupils = [
            pupil("A100000000001", "Abbott", "Zoë"),
            pupil("A100000000002", "Ó Briain", "Siobhán"),
            pupil("A100000000003", "Yılmaz", "Ayşe", flags: cp),
            pupil("A100000000004", "李", "小龙", preferred: "Bruce"),
            pupil("A100000000005", "O'Connor", "Liam"),
            pupil("A100000000006", "Smith", "Ann"),
            pupil("B100000000001", "Jones", "Ben", group: "4B"),
            pupil("B100000000002", "Khan", "Amira", group: "4B"),
        ]
        for p in pupils { school.upsert(p) }
        school.staff[office.login] = office
        school.staff[head.login] = head
        // Every weekday since 2 November: present, with a few absences.
        var day = SchoolDate("2026-11-02")!
        while day < today {
            if !day.isWeekend {
                for p in pupils {
                    for half in SessionHalf.allCases {
                        var code: AttendanceCode = half == .am ? .presentAM : .presentPM
                        if p.upn == "A100000000005" && day >= SchoolDate("2026-11-25")! { code = .reasonNotYetEstablished }
                        if p.upn == "A100000000006" && day.weekday == .monday { code = .illness }
                        if p.upn == "A100000000002" && day == SchoolDate("2026-11-27")! && half == .am { code = .lateBeforeClose }
                        school.register.record(Mark(code, minutesLate: code == .lateBeforeClose ? 12 : nil), for: p.upn, at: Session(day, half))
                    }
                }
            }
            day = day.adding(days: 1)
        }
        return school
    }

    static func state(width: Int = 80, height: Int = 24, minutes: Int = 9 * 60 + 5, staff: StaffMember = office) -> AppState {
        AppState(context: AppContext(today: today, minutes: minutes, staff: staff), school: make(), width: width, height: height)
    }
}

/// Plays the driver's part in update tests: performs commits against the domain exactly as
/// the store does (complete, check, apply), so a refused change comes back refused.
struct FakeDriver {
    var seq = 1
    var committed: [Transaction] = []
    var lastMine: Transaction?
    /// Files the app asked to write (reports, letters), by name.
    var written: [String: String] = [:]

    /// Each effect's answer is handled before the next effect is performed, so that two
    /// commits from one key are applied one after the other, as the store applies them.
    mutating func run(_ state: inout AppState, _ message: Message) {
        for effect in state.update(message) { if let answer = perform(effect, state) { run(&state, answer) } }
    }

    mutating func keys(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { run(&state, .keyPressed(k)) }
    }

    mutating func type(_ state: inout AppState, _ text: String) {
        keys(&state, text.map { Key.char($0) })
    }

    mutating func perform(_ effect: Effect, _ state: AppState) -> Message? {
        switch effect {
        case .commit(let id, let t):
            var school = state.school
            let actor = state.context.staff
            var done = school.completing(t, seq: seq, by: actor)
            done.changes = done.changes.filter { if case .mark(let m) = $0 { return m.previous != m.mark }; return true }
            do {
                try school.check(done, by: actor, today: state.context.today)
            } catch {
                return .changeRefused(id: id, Refusal(kind: Refusal.Kind(rawValue: error.kind.rawValue) ?? .invalid, message: error.message))
            }
            school.apply(done)
            seq += 1
            committed.append(done)
            lastMine = done
            return .changeSaved(id: id, school)
        case .undoLast(let id):
            guard let last = lastMine else { return .changeRefused(id: id, Refusal(kind: .invalid, message: "there is nothing to undo")) }
            var school = state.school
            let undo = Transaction(last.changes.compactMap { c -> Change? in
                guard case .mark(let m) = c else { return nil }
                return .mark(MarkChange(upn: m.upn, session: m.session, mark: m.previous, previous: m.mark))
            }, reason: "undo", origin: .undo)
            school.apply(undo)
            committed.append(undo)
            lastMine = nil
            return .changeSaved(id: id, school)
        case .renderLetter(let upn, let template):
            do {
                let text = try Letters.render(template, school: state.school, upn: upn, asOf: state.context.today, signedBy: state.context.staff)
                return .letterRendered(upn: upn, template: template, text: text, problem: nil)
            } catch {
                return .letterRendered(upn: upn, template: template, text: nil, problem: "\(error)")
            }
        case .writeReport(let files):
            for f in files { written[f.name] = f.contents }
            return .reportWritten(paths: files.map(\.name))
        case .writeLetterPDF(_, let text, let path):
            written[path] = text
            return .reportWritten(paths: [path])
        default:
            return nil
        }
    }
}
