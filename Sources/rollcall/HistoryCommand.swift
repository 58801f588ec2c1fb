import Foundation
import ArgumentParser
import Attendance
import AttendanceStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "A pupil's audit trail: every mark, amendment and record change, with who, when and why.",
        discussion: "With --school instead of --pupil: the school-wide changes (settings, closed registers, calendar, staff, policy).")

    @Option(help: "The pupil's UPN.") var pupil: String?
    @Flag(help: "The school-wide changes instead of a pupil's.") var school = false
    @Option(help: "table or json (keys in docs/json-output.md).") var format: ListFormat = .table
    @OptionGroup var storeOptions: StoreOptionsWithoutSchool

    func validate() throws {
        guard (pupil != nil) != school else { throw ValidationError("give --pupil UPN or --school") }
    }

    func run() throws {
        let (store, me) = try storeOptions.open(as: .current())
        let trail: AuditTrail
        if let pupil {
            let upn = pupil.uppercased()
            guard let p = store.school.pupils[upn] else { throw CleanExit.failure("no pupil with UPN \(upn)") }
            trail = store.history(upn: upn)
            if format == .json { return try printJSON(trail, upn: upn, viewer: me, timeZone: store.school.settings.timeZone) }
            print("Audit trail for \(p.fullName) (\(upn))")
            if trail.entries.isEmpty && trail.problems.isEmpty {
                print("No changes recorded since this store was created. (Records a store starts with, such as the demo school's, have no audit entries; `rollcall case show \(upn)` shows its case history.)")
            }
        } else {
            trail = store.schoolHistory()
            if format == .json { return try printJSON(trail, upn: nil, viewer: me, timeZone: store.school.settings.timeZone) }
            print("School-wide changes for \(store.school.name)")
            if trail.entries.isEmpty && trail.problems.isEmpty { print("No school-wide changes recorded since this store was created.") }
        }
        for e in trail.entries { print(line(e, for: me, timeZone: store.school.settings.timeZone)) }
        // What could not be read is never left out silently: one error line each, and a failing exit.
        guard trail.problems.isEmpty else {
            for problem in trail.problems { FileHandle.standardError.write(Data("Error: \(problem)\n".utf8)) }
            FileHandle.standardError.write(Data("This history is incomplete: \(trail.problems.count) part\(trail.problems.count == 1 ? "" : "s") of the audit trail could not be read (see `rollcall check`).\n".utf8))
            throw ExitCode.failure
        }
    }

    /// `--format json` (docs/json-output.md); what could not be read is in `problems`, and
    /// the exit status is still 1.
    func printJSON(_ trail: AuditTrail, upn: String?, viewer: StaffMember, timeZone: String) throws {
        print(JSONValue.object([
            ("pupil", .optional(upn)),
            ("entries", .array(trail.entries.map { e in
                .object([("seq", .int(e.seq)), ("at", .string(e.at)), ("login", .string(e.login)), ("name", .string(e.name)),
                         ("role", .string(e.role)), ("change", .string(kind(e.change))), ("description", .string(describe(e.change, for: viewer))),
                         ("reason", .optional(e.reason)), ("origin", .optional(e.origin)),
                         ("school_time", .optional(e.schoolTimeIfDifferent(timeZone: timeZone)))])
            })),
            ("problems", .array(trail.problems.map { .string("\($0)") })),
        ]).rendered())
        if !trail.problems.isEmpty { throw ExitCode.failure }
    }

    func kind(_ change: Change) -> String {
        switch change {
        case .mark(let m): return m.previous == nil ? "mark" : "amendment"
        case .pupil: return "pupil"
        case .caseDecision: return "case_decision"
        case .actionDone: return "action_done"
        case .contact: return "contact"
        case .meeting: return "meeting"
        case .timetable: return "timetable"
        case .intervention: return "intervention"
        case .penaltyNotice: return "penalty_notice"
        case .registerClosed: return "register_closed"
        case .settings: return "settings"
        case .calendar: return "calendar"
        case .staff: return "staff"
        case .staffRemoved: return "staff_removed"
        case .policy: return "policy"
        }
    }

    func line(_ e: AuditEntry, for viewer: StaffMember, timeZone: String) -> String {
        // Stored in UTC; shown in the school's time zone.
        // A change made with --today/--now shows both: the real time, and the school's moment it was made as of.
        let when = LocalTime.stamp(e.at, timeZone: timeZone) + (e.schoolTimeIfDifferent(timeZone: timeZone).map { " (as of \($0))" } ?? "")
        // A reason over several lines (written before they were refused) stays under its own
        // entry, indented, so no line of it can pass for an entry of its own.
        let reason = e.reason.map { "  reason: " + EnteredText.shown($0, keepingLayout: true).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n        ") }
        return "\(when)  \(e.name) (\(e.role))  \(describe(e.change, for: viewer))\(reason ?? "")"
    }

    func describe(_ change: Change, for viewer: StaffMember) -> String {
        switch change {
        case .mark(let m):
            let new = m.mark.map { $0.code.symbol + ($0.minutesLate.map { " (\($0) min late)" } ?? "") } ?? "no mark"
            if let old = m.previous { return "amended \(m.session): \(old.code.symbol) → \(new)" }
            return "marked \(m.session): \(new)"
        case .pupil: return "pupil record updated"
        case .caseDecision(let d):
            // A closure the rule made rides with someone else's change: say it was Rollcall's, and why.
            let byRule = d.change.by == StageChange.byRollcall ? ", by Rollcall: \(d.change.reason)" : ""
            return "\(d.track) case: \(d.change.decision.rawValue.replacingOccurrences(of: "_", with: " ")) \(d.change.from ?? "–") → \(d.change.to ?? "closed")\(byRule)"
        case .actionDone(let a): return "\(a.track) action \(a.actionId) done on \(a.on.spoken)"
        case .contact(let e): return "contact log: " + e.visible(to: viewer).summary
        case .meeting(let m): return "meeting on \(m.on.spoken) with \(m.attendees.joined(separator: ", "))" + (m.target.map { "; target \($0)" } ?? "")
        case .timetable(let t): return "part-time timetable \(t.starts.spoken) to \(t.ends.spoken)"
        case .intervention(let i): return "intervention: \(i.kind.rawValue.replacingOccurrences(of: "_", with: " "))"
        case .penaltyNotice(let p): return "penalty notice requested for \(p.parent): £\(p.amount)"
        case .registerClosed(let c): return "closed the \(c.group) register for \(c.session)"
        case .settings(let s):
            let r = s.registerTimes
            return "settings: AM register \(r.amOpens)–\(r.amCloses), PM \(r.pmOpens)–\(r.pmCloses), time zone \(s.timeZone)"
                + [("address", s.address), ("phone", s.phone), ("email", s.email), ("head", s.headName)]
                    .compactMap { k, v in v.map { "; \(k) \($0)" } }.joined()
        case .calendar: return "calendar changed"
        case .staff(let s): return "staff: \(s.login) is \(s.signature)"
        case .staffRemoved(let login): return "staff: \(login) removed"
        case .policy(let p): return "policy: \(p.name)"
        }
    }
}
