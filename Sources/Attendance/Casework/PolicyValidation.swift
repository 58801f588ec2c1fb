/// One thing wrong with a policy file, with the field it is in.
public struct PolicyProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

extension Policy {
    public static let supportedSchemaVersion = 1
    public static let requiredTracks = ["attendance", "punctuality", "unexplained_absence"]
    static let reviewMeasures = ["attendance_percent_year", "lates_half_term", "unauthorised_sessions_10_weeks"]
    static let actionKinds: Set<String> = ["letter", "meeting", "call", "home_visit", "referral", "monitor", "penalty_notice", "plan", "report_to_la", "other"]

    /// Everything wrong with the policy; empty means it can be used. `templates` are the
    /// letter template ids that exist.
    public func problems(templates: Set<String>) -> [PolicyProblem] {
        var out: [PolicyProblem] = []
        func add(_ path: String, _ message: String) { out.append(PolicyProblem(path: path, message: message)) }

        if schemaVersion > Policy.supportedSchemaVersion { add("schemaVersion", "\(schemaVersion) is newer than this Rollcall reads (\(Policy.supportedSchemaVersion))") }
        if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLetter && $0.isLowercase || $0.isNumber || $0 == "-") }) {
            add("id", "\"\(id)\" must be lower-case letters, digits and hyphens")
        }
        if name.trimmingSpaces().isEmpty { add("name", "is empty") }
        if let t = targetPercent, !(0...100).contains(t) { add("targetPercent", "\(t) is not a percentage") }
        if let p = panelEveryWeeks, p < 1 { add("panelEveryWeeks", "must be at least 1") }
        if let n = minimumPossibleSessions, n < 0 { add("minimumPossibleSessions", "cannot be negative") }

        for (i, band) in bands.enumerated() {
            if band.name.isEmpty { add("bands[\(i)].name", "is empty") }
            if !(0...100).contains(band.atLeast) { add("bands[\(i)].atLeast", "\(band.atLeast) is not a percentage") }
            if i > 0, band.atLeast >= bands[i - 1].atLeast { add("bands[\(i)].atLeast", "bands must go from highest to lowest") }
            if let l = band.letter, !templates.contains(l) { add("bands[\(i)].letter", "no letter template \"\(l)\"") }
        }
        if let h = halfTermlyLetter {
            if !templates.contains(h.template) { add("halfTermlyLetter.template", "no letter template \"\(h.template)\"") }
            if !(h.atLeast < h.below) { add("halfTermlyLetter", "atLeast must be below below") }
        }
        if let last = bands.last, last.atLeast > 0 { add("bands", "the last band must start at 0 so every pupil is in one") }

        let ids = tracks.map(\.id)
        for required in Policy.requiredTracks where !ids.contains(required) {
            add("tracks", "missing the \"\(required)\" track (every policy has attendance, punctuality and unexplained_absence)")
        }
        for (ti, track) in tracks.enumerated() {
            let tp = "tracks[\(ti)]"
            if ids.filter({ $0 == track.id }).count > 1 { add("\(tp).id", "\"\(track.id)\" is used twice") }
            if track.stages.isEmpty { add("\(tp).stages", "a track needs at least one stage") }
            for (gi, g) in (track.yearGroups ?? []).enumerated() where YearGroup(parsing: g) == nil {
                add("\(tp).yearGroups[\(gi)]", "\"\(g)\" is not a year group (N, R, 1 … 13)")
            }
            if let r = track.replaces, !ids.contains(r) || r == track.id { add("\(tp).replaces", "no other track \"\(r)\"") }
            let stageIds = track.stages.map(\.id)
            for (si, stage) in track.stages.enumerated() {
                let sp = "\(tp).stages[\(si)]"
                if stage.id.isEmpty { add("\(sp).id", "is empty") }
                if stageIds.filter({ $0 == stage.id }).count > 1 { add("\(sp).id", "\"\(stage.id)\" is used twice in this track") }
                if let entry = stage.entry {
                    out += entry.problems(path: "\(sp).entry")
                    if entry.problems(path: "").isEmpty, !entry.canHold {
                        add("\(sp).entry", "can never hold, so stage \"\(stage.id)\" can never be reached")
                    }
                } else {
                    let escalatedInto = si > 0 && track.stages[si - 1].atReview?.ifNotImproved == "escalate"
                    if !escalatedInto {
                        add("\(sp)", "has no entry rule and the stage before does not escalate into it, so it can never be reached")
                    }
                }
                if let close = stage.closeWhen { out += close.problems(path: "\(sp).closeWhen") }
                if let when = stage.enterDirectlyWhen { out += when.problems(path: "\(sp).enterDirectlyWhen") }
                let lists: [(String, [Policy.Action])] = [("actions", stage.actions), ("vulnerableActions", stage.vulnerableActions ?? []),
                                                          ("directEntryActions", stage.directEntryActions ?? [])]
                for (list, actions) in lists { for (ai, action) in actions.enumerated() {
                    let ap = "\(sp).\(list)[\(ai)]"
                    if !Policy.actionKinds.contains(action.kind) { add("\(ap).kind", "unknown action \"\(action.kind)\" (known: \(Policy.actionKinds.sorted().joined(separator: ", ")))") }
                    if StaffRole(rawValue: action.owner).map(\.mayReadPupilNames) != true { add("\(ap).owner", "\"\(action.owner)\" is not a role (office, attendance, head)") }
                    if action.dueWithinDays < 0 { add("\(ap).dueWithinDays", "cannot be negative") }
                    if let when = action.when { out += when.problems(path: "\(ap).when") }
                    if action.kind == "letter" {
                        if let t = action.template {
                            if !templates.contains(t) { add("\(ap).template", "no letter template \"\(t)\"") }
                        } else {
                            add("\(ap).template", "a letter action needs a template")
                        }
                    }
                } }
                if let weeks = stage.reviewAfterWeeks, weeks < 1 { add("\(sp).reviewAfterWeeks", "must be at least 1") }
                if let review = stage.atReview {
                    if stage.reviewAfterWeeks == nil { add("\(sp).atReview", "needs reviewAfterWeeks to say when the review is") }
                    if let m = review.measure, !Policy.reviewMeasures.contains(m) {
                        add("\(sp).atReview.measure", "reviews judge improvement on \(Policy.reviewMeasures.joined(separator: ", ")), not \"\(m)\"")
                    }
                    if let a = review.against, a != "target" { add("\(sp).atReview.against", "must be \"target\" (or omitted), not \"\(a)\"") }
                    if !["close", "step_down", "hold"].contains(review.ifImproved) { add("\(sp).atReview.ifImproved", "must be close, step_down or hold") }
                    if !["escalate", "hold"].contains(review.ifNotImproved) { add("\(sp).atReview.ifNotImproved", "must be escalate or hold") }
                    if review.ifNotImproved == "escalate", si == track.stages.count - 1 { add("\(sp).atReview.ifNotImproved", "this is the last stage: there is nothing to escalate to") }
                    if let l = review.improvedLetter, !templates.contains(l) { add("\(sp).atReview.improvedLetter", "no letter template \"\(l)\"") }
                }
            }
        }
        return out
    }
}

extension Condition {
    func problems(path: String) -> [PolicyProblem] {
        switch self {
        case .all(let list), .any(let list):
            let key = { if case .all = self { return "all" } else { return "any" } }()
            if list.isEmpty { return [PolicyProblem(path: "\(path).\(key)", message: "is empty")] }
            return list.enumerated().flatMap { $0.element.problems(path: "\(path).\(key)[\($0.offset)]") }
        case .test(let t):
            guard let m = Measure(rawValue: t.measure) else {
                return [PolicyProblem(path: "\(path).measure", message: "unknown measure \"\(t.measure)\" (known: \(Measure.allCases.map(\.rawValue).joined(separator: ", ")))")]
            }
            var out: [PolicyProblem] = []
            let numeric = [t.below, t.atMost, t.atLeast, t.above].compactMap { $0 }
            if m.isYesNo {
                if t.equals == nil { out.append(PolicyProblem(path: path, message: "\(m.rawValue) is yes or no: give \"equals\": true or false")) }
                if !numeric.isEmpty { out.append(PolicyProblem(path: path, message: "\(m.rawValue) is yes or no, not a number")) }
            } else {
                if numeric.isEmpty { out.append(PolicyProblem(path: path, message: "give below, atMost, atLeast or above for \(m.rawValue)")) }
                if t.equals != nil { out.append(PolicyProblem(path: "\(path).equals", message: "\(m.rawValue) is a number, not yes or no")) }
            }
            if m == .attendancePercentRecent {
                if let w = t.weeks { if !(1...52).contains(w) { out.append(PolicyProblem(path: "\(path).weeks", message: "must be 1 to 52")) } }
                else { out.append(PolicyProblem(path: path, message: "attendance_percent_recent needs \"weeks\"")) }
            } else if t.weeks != nil {
                out.append(PolicyProblem(path: "\(path).weeks", message: "only attendance_percent_recent takes weeks"))
            }
            return out
        }
    }

    /// Whether some pupil could meet this rule: each measure's comparisons must leave some
    /// value in the measure's range (a sound check for the rules policies actually use).
    var canHold: Bool {
        switch self {
        case .test(let t): return Condition.interval(of: [t]) != nil
        case .any(let list): return list.contains { $0.canHold }
        case .all(let list):
            guard list.allSatisfy(\.canHold) else { return false }
            let tests = list.compactMap { if case .test(let t) = $0 { return t } else { return nil } }
            let groups = Dictionary(grouping: tests) { "\($0.measure)/\($0.weeks ?? 0)" }
            return groups.values.allSatisfy { Condition.interval(of: $0) != nil }
        }
    }

    /// The values satisfying every test (all on one measure), or nil if none do.
    static func interval(of tests: [Test]) -> (low: Double, lowOpen: Bool, high: Double, highOpen: Bool)? {
        guard let m = Measure(rawValue: tests[0].measure) else { return nil }
        if m.isYesNo {
            let wanted = Set(tests.compactMap(\.equals))
            return wanted.count <= 1 ? (0, false, 1, false) : nil
        }
        var low = m.range.lowerBound, lowOpen = false, high = m.range.upperBound, highOpen = false
        for t in tests {
            if let v = t.below, v <= high { high = v; highOpen = true }
            if let v = t.atMost, v < high || (v == high && !highOpen) { high = v; highOpen = false }
            if let v = t.atLeast, v > low || (v == low && lowOpen) { low = v; lowOpen = false }
            if let v = t.above, v >= low { low = v; lowOpen = true }
        }
        if low > high || (low == high && (lowOpen || highOpen)) { return nil }
        return (low, lowOpen, high, highOpen)
    }
}
