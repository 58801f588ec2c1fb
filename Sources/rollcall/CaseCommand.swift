import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Look at a pupil's cases, and decide: advance, hold, step down, review or close (with a reason).",
        subcommands: [Show.self, Advance.self, Hold.self, StepDown.self, Review.self, Close.self, Done.self, Timetable.self, Intervene.self])

    /// What every decision takes.
    struct DecisionOptions: ParsableArguments {
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "The track: attendance, punctuality, unexplained_absence …") var track: String = "attendance"
        @Option(help: "Why (required; kept in the case history).") var reason: String
        @Option(name: .customLong("as-of"), help: "The date of the decision (default: today).") var asOf: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func decide(_ move: CaseMove, to stage: String?) throws {
            let date = asOf?.date ?? .today()
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            let id = upn.uppercased()
            guard let engine = CaseworkEngine(school: store.school, asOf: date) else { throw CleanExit.failure("no attendance policy is in use") }
            let d = try engine.decisionFor(upn: id, track: self.track, move: move, to: stage, reason: reason, on: date)
            let track = d.track
            let kind = d.change.decision
            try store.commit(Transaction([.caseDecision(d)], reason: reason), by: me)
            let file = store.school.casework.caseFile(id, track: track)
            print("\(id) \(track): \(kind.rawValue.replacingOccurrences(of: "_", with: " "))\(d.change.to.map { " → \($0)" } ?? "")"
                  + (file?.nextReview.map { "; next review \($0.spoken)" } ?? ""))
            if let r = d.change.recommended { print("  (the policy recommended \(r); your reason is recorded)") }
            for a in d.newActions { print("  to do by \(a.due.spoken) (\(a.owner)): \(a.description)") }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enter a stage (no open case) or escalate to the next stage, or to --to STAGE.")
        @OptionGroup var options: DecisionOptions
        @Option(help: "The stage (default: what the policy recommends, or the next one).") var to: String?
        func run() throws { try options.decide(.advance, to: to) }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep the case at its stage (sets the next review).")
        @OptionGroup var options: DecisionOptions
        func run() throws { try options.decide(.hold, to: nil) }
    }

    struct StepDown: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "step-down", abstract: "Move the case back a stage, or to --to STAGE.")
        @OptionGroup var options: DecisionOptions
        @Option(help: "The stage.") var to: String?
        func run() throws { try options.decide(.stepDown, to: to) }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a review at the same stage: the figures now become the ones later reviews compare with.")
        @OptionGroup var options: DecisionOptions
        func run() throws { try options.decide(.review, to: nil) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the case (the improved-attendance letter is added to do, where the policy has one).")
        @OptionGroup var options: DecisionOptions
        func run() throws { try options.decide(.close, to: nil) }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an open action done.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Argument(help: "The action id (see `case show`).") var action: String
        @Option(help: "The track.") var track: String = "attendance"
        @Option(help: "When (default: today).") var date: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            try store.commit(Transaction([.actionDone(ActionDone(upn: upn.uppercased(), track: track, actionId: action, on: date?.date ?? .today()))]), by: me)
            print("Done: \(action)")
        }
    }

    struct Timetable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a part-time timetable (C2 sessions): agreed with the parent, with an end and a review date.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "First day.") var starts: DateArgument
        @Option(help: "Last day.") var ends: FollowUpDateArgument
        @Option(help: "Review date.") var review: FollowUpDateArgument
        @Flag(name: .customLong("parent-agreed"), help: "The parent has agreed (required).") var parentAgreed = false
        @Option(help: "What the timetable is and why.") var note: String = ""
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let t = PartTimeTimetable(id: "", upn: upn.uppercased(), starts: starts.date, ends: ends.date, reviewOn: review.date,
                                      parentAgreed: parentAgreed, note: note, by: "")
            try store.commit(Transaction([.timetable(t)]), by: me)
            // "Past 6 weeks" is the domain's one rule: 6 school weeks, holidays not counted.
            let long = PartTimeTimetable.isPastSixWeeks(t, asOf: t.ends, days: store.school.statistics.schoolDays)
            print("Part-time timetable \(starts.date.spoken) to \(ends.date.spoken), review \(review.date.spoken)"
                  + (long ? "  (note: it runs past \(PartTimeTimetable.reportAfterSchoolWeeks) school weeks; policies ask for no more than about 6)" : ""))
        }
    }

    struct Intervene: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "intervention", abstract: "Record an intervention from the ten-step scale (parent_meeting … prosecution).")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Argument(help: "\(InterventionKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: InterventionKind
        @Option(help: "What was done.") var note: String = ""
        @Option(help: "When (default: today).") var date: DateArgument?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            try store.commit(Transaction([.intervention(Intervention(id: "", upn: upn.uppercased(), kind: kind, on: date?.date ?? .today(), note: note, by: ""))]), by: me)
            print("Recorded step \(kind.step): \(kind.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A pupil's cases, recommendations, meetings and contact log.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
        @Option(help: "table or json (keys in docs/json-output.md).") var format: ListFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let date = asOf?.date ?? .today()
            let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
            try store.loadContacts()
            let id = upn.uppercased()
            let school = store.school
            guard let pupil = school.pupils[id] else { throw CleanExit.failure("no pupil with UPN \(id)") }
            let engine = CaseworkEngine(school: school, asOf: date)
            let m = PupilMeasures(upn: id, pupil: pupil, asOf: date, statistics: school.statistics)
            if format == .json {
                print(CaseShowJSON.object(pupil, measures: m, engine: engine, school: school, asOf: date, viewer: me).rendered())
                return
            }
            print("\(pupil.fullName) (\(pupil.yearGroup), \(pupil.registrationGroup), \(id))" + (pupil.flags.set.isEmpty ? "" : "  [\(pupil.flags.set.map(\.rawValue).joined(separator: ", "))]"))
            print("Attendance \(percent(m.attendancePercent))% this year; \(m.recentUnauthorised.total) unauthorised sessions in 10 school weeks; \(m.latesHalfTerm) lates this half-term; day \(m.consecutiveUnexplainedDays) of unexplained absence")
            // The tracks this pupil's year group follows (a Year 1 pupil is not on the nursery ladder).
            for track in engine?.policy.tracks(for: pupil.yearGroup) ?? [] {
                let file = school.casework.caseFile(id, track: track.id)
                let rec = engine?.recommendation(for: id, track: track, measures: m)
                guard file != nil || rec != nil else { continue }
                print("\n\(track.name): \(file?.stage ?? "no open case")" + (file?.nextReview.map { ", next review \($0.spoken)" } ?? ""))
                if let rec { print("  recommends: \(rec.kind.rawValue)\(rec.recommendedStage.map { " → \($0)" } ?? ""): \(rec.reasons.joined(separator: "; "))") }
                for h in file?.history ?? [] {
                    print("  \(h.on.spoken) \(h.decision.rawValue) \(h.from ?? "–") → \(h.to ?? "closed") by \(h.by): \(h.reason) (attendance \(percent(h.figures.attendancePercent))%)")
                }
                for a in file?.actions ?? [] {
                    print("  [\(a.doneOn == nil ? (a.due < date ? "OVERDUE" : "to do") : "done \(a.doneOn!.spoken)")] \(a.id): \(a.description), \(a.owner), due \(a.due.spoken)")
                }
            }
            for meeting in (school.casework.meetings[id] ?? []).map({ $0.visible(to: me) }) {
                print("\nMeeting \(meeting.on.spoken) with \(meeting.attendees.joined(separator: ", "))\(meeting.isActionPlan ? " (action plan)" : "")")
                if !meeting.goingWell.isEmpty { print("  going well: \(meeting.goingWell)") }
                if !meeting.concerns.isEmpty { print("  concerns: \(meeting.concerns)") }
                if !meeting.wellbeingGoals.isEmpty { print("  wellbeing goals: \(meeting.wellbeingGoals)") }
                for a in meeting.agreedActions { print("  agreed: \(a)") }
                if let t = meeting.target { print("  target: \(t)") }
            }
            for t in school.casework.timetables[id] ?? [] { print("\nPart-time timetable \(t.starts.spoken)–\(t.ends.spoken), review \(t.reviewOn.spoken): \(t.note)") }
            for i in school.casework.interventions[id] ?? [] { print("Intervention step \(i.kind.step) \(i.kind.rawValue) on \(i.on.spoken): \(i.note)") }
            for p in school.casework.penaltyNotices[id] ?? [] { print("Penalty notice requested \(p.on.spoken) for \(p.parent): £\(p.amount)") }
            let log = school.casework.contacts[id] ?? []
            if !log.isEmpty { print("\nContact log") }
            for e in log { print("  \(e.visible(to: me).summary)  (\(e.byName))\(e.sensitive ? "  [sensitive]" : "")") }
        }
    }
}

extension InterventionKind: ExpressibleByArgument {}

/// `rollcall case show UPN --format json` (docs/json-output.md).
enum CaseShowJSON {
    static func object(_ pupil: Pupil, measures m: PupilMeasures, engine: CaseworkEngine?, school: School, asOf date: SchoolDate, viewer: StaffMember) -> JSONValue {
        let id = pupil.upn
        var tracks: [JSONValue] = []
        for track in engine?.policy.tracks(for: pupil.yearGroup) ?? [] {
            let file = school.casework.caseFile(id, track: track.id)
            let rec = engine?.recommendation(for: id, track: track, measures: m)
            guard file != nil || rec != nil else { continue }
            tracks.append(.object([
                ("track", .string(track.id)),
                ("stage", .optional(file?.stage)),
                ("next_review", .optional(file?.nextReview?.description)),
                ("recommendation", rec.map { r in
                    .object([("kind", .string(r.kind.rawValue)), ("recommended_stage", .optional(r.recommendedStage)),
                             ("reasons", .array(r.reasons.map(JSONValue.string)))])
                } ?? .null),
                ("history", .array((file?.history ?? []).map { h in
                    .object([("date", .string(h.on.description)), ("decision", .string(h.decision.rawValue)),
                             ("from", .optional(h.from)), ("to", .optional(h.to)), ("by", .string(h.by)),
                             ("reason", .string(h.reason)), ("attendance_percent", .optional(h.figures.attendancePercent))])
                })),
                ("actions", .array((file?.actions ?? []).map { a in
                    .object([("id", .string(a.id)), ("description", .string(a.description)), ("owner", .string(a.owner)),
                             ("due", .string(a.due.description)), ("done", .optional(a.doneOn?.description)),
                             ("overdue", .bool(a.doneOn == nil && a.due < date))])
                })),
            ]))
        }
        let log = school.casework.contacts[id] ?? []
        return .object([
            ("upn", .string(id)),
            ("name", .string(pupil.fullName)),
            ("year_group", .string(pupil.yearGroup.description)),
            ("registration_group", .string(pupil.registrationGroup)),
            ("flags", .array(pupil.flags.set.map { .string($0.rawValue) })),
            ("as_of", .string(date.description)),
            ("attendance_percent", .optional(m.attendancePercent)),
            ("unauthorised_sessions_last_10_school_weeks", .int(m.recentUnauthorised.total)),
            ("lates_this_half_term", .int(m.latesHalfTerm)),
            ("consecutive_unexplained_absence_days", .int(m.consecutiveUnexplainedDays)),
            ("tracks", .array(tracks)),
            ("meetings", .array((school.casework.meetings[id] ?? []).map { mt in
                .object([("date", .string(mt.on.description)), ("attendees", .array(mt.attendees.map(JSONValue.string))),
                         ("action_plan", .bool(mt.isActionPlan)), ("going_well", .string(mt.goingWell)), ("concerns", .string(mt.concerns)),
                         ("wellbeing_goals", .string(mt.wellbeingGoals)), ("agreed_actions", .array(mt.agreedActions.map(JSONValue.string))),
                         ("target", .optional(mt.target?.description))])
            })),
            ("timetables", .array((school.casework.timetables[id] ?? []).map { t in
                .object([("starts", .string(t.starts.description)), ("ends", .string(t.ends.description)),
                         ("review", .string(t.reviewOn.description)), ("note", .string(t.note))])
            })),
            ("interventions", .array((school.casework.interventions[id] ?? []).map { i in
                .object([("step", .int(i.kind.step)), ("kind", .string(i.kind.rawValue)), ("date", .string(i.on.description)), ("note", .string(i.note))])
            })),
            ("penalty_notices", .array((school.casework.penaltyNotices[id] ?? []).map { p in
                .object([("date", .string(p.on.description)), ("parent", .string(p.parent)), ("amount", .int(p.amount))])
            })),
            ("contact_log", .array(log.map { e in
                .object([("date", .string(e.on.description)), ("time", .optional(e.time)), ("kind", .string(e.kind.rawValue)),
                         ("summary", .string(e.visible(to: viewer).summary)), ("by", .string(e.byName)), ("sensitive", .bool(e.sensitive))])
            })),
        ])
    }
}

/// `--format table|json` on the list commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }
