import ArgumentParser
import Attendance
import AttendanceStore

struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "Every pupil with an open case or a recommendation: stage, numbers, what the policy recommends next.",
        discussion: "The JSON output is a stable interface for scripts: see docs/casework-json.md.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .customLong("as-of"), help: "The date (default: today).") var asOf: DateArgument?
    @Option(help: "Only this track (attendance, punctuality, unexplained_absence …).") var track: String?
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let date = asOf?.date ?? .today()
        let store = try storeOptions.open(as: .current(), forFiguresAsOf: date).store
        guard let engine = CaseworkEngine(school: store.school, asOf: date) else {
            throw CleanExit.failure("no attendance policy is in use; choose one with `rollcall policy use ID`")
        }
        // Most urgent first, as the panel lists them (the domain's order).
        let rows = engine.caseloadMostUrgentFirst().filter { track == nil || $0.track == track }
        if format == .json {
            print(JSONValue.array(rows.map { CaseloadJSON.object($0, school: store.school, asOf: date) }).rendered())
            return
        }
        print("Caseload as of \(date.spoken): \(engine.policy.name)")
        if let panel = store.school.nextPanel(onOrAfter: date) {
            print("Next attendance panel \(panel.on.spoken) (every \(panel.everyWeeks) school weeks): "
                + "\(panel.dueForReview.count) pupil\(panel.dueForReview.count == 1 ? "" : "s") due for review by then")
        }
        let letters = store.school.termlyLettersDue(asOf: date)
        if !letters.isEmpty {
            let byTemplate = Dictionary(grouping: letters, by: \.template).sorted { $0.key < $1.key }
            print("Termly band letters not yet sent this term: " + byTemplate.map { "\($0.key) \($0.value.count)" }.joined(separator: ", ")
                + " (rollcall letters --template ID --due)")
        }
        var lastUPN = ""
        for r in rows {
            let pupil = store.school.pupils[r.upn]!
            if r.upn != lastUPN {
                let band = r.figures.attendancePercent.flatMap { engine.policy.band(for: $0)?.name } ?? "–"
                print("")
                print("\(pupil.listName) (\(pupil.registrationGroup), \(r.upn))  attendance \(percent(r.figures.attendancePercent))%  band \(band)\(pupil.flags.isSafeguardingPriority ? "  VULNERABLE" : "")")
                lastUPN = r.upn
            }
            let to = r.recommendedStage.map { " → \($0)" } ?? ""
            print("  \(r.track): \(r.stage ?? "no case")  ⇒ \(r.kind.rawValue.replacingOccurrences(of: "_", with: " "))\(to)" + (r.nextReview.map { "  (review \($0.spoken))" } ?? ""))
            for reason in r.reasons { print("      \(reason)") }
            if r.track == "attendance" {
                let p = store.school.penaltyEligibility(for: r.upn, asOf: date)
                if p.thresholdMet { print("      penalty notice: \(p.eligible ? "eligible" : "not eligible"): \(p.why.joined(separator: "; "))") }
            }
        }
        if rows.isEmpty { print("No open cases and no recommendations.") }
    }
}

/// The stable JSON of `rollcall caseload --format json`: one object per pupil and track.
enum CaseloadJSON {
    static func object(_ r: Recommendation, school: School, asOf: SchoolDate) -> JSONValue {
        let p = school.penaltyEligibility(for: r.upn, asOf: asOf)
        return .object([
            ("upn", .string(r.upn)),
            ("track", .string(r.track)),
            ("stage", .optional(r.stage)),
            ("recommendation", .string(r.kind.rawValue)),
            ("recommended_stage", .optional(r.recommendedStage)),
            ("reasons", .array(r.reasons.map(JSONValue.string))),
            ("next_review", .optional(r.nextReview?.description)),
            ("overdue_actions", .array(r.overdueActions.map { a in
                .object([("id", .string(a.id)), ("description", .string(a.description)), ("due", .string(a.due.description)), ("owner", .string(a.owner))])
            })),
            ("penalty_notice", .object([
                ("threshold_met", .bool(p.thresholdMet)),
                ("eligible", .bool(p.eligible)),
                ("unauthorised_sessions_last_10_school_weeks", .int(p.unauthorisedSessions)),
                ("unresolved_n_sessions", .int(p.unresolvedNSessions)),
                ("why", .array(p.why.map(JSONValue.string))),
            ])),
        ])
    }
}
