import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "The school's graduated response: list the presets, show one, use one, or check a policy file.",
        subcommands: [List.self, Show.self, Use.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The presets Rollcall ships, and which is in use.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let current = try? storeOptions.open(as: .current()).store.school.casework.policy
            for p in try PolicyFile.presets() {
                print("\(p.id == current?.id ? "*" : " ") \(p.id.padding(24))\(p.name)")
            }
            if let current, (try? PolicyFile.preset(current.id)) != current {
                print("* \(current.id.padding(24))\(current.name) (the school's own version)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe the policy in use, or a preset; --json prints the file to adjust.")
        @Argument(help: "A preset id (default: the policy in use).") var id: String?
        @Flag(help: "Print the policy as JSON (to save, adjust and `policy use --file`).") var json = false
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let policy: Policy
            if let id { policy = try PolicyFile.preset(id) } else {
                guard let p = try storeOptions.open(as: .current()).store.school.casework.policy else { throw CleanExit.failure("no policy is in use; choose one with `rollcall policy use ID`") }
                policy = p
            }
            print(json ? try PolicyFile.encode(policy) : PolicyText.describe(policy))
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Use a preset, or a policy file of the school's own (head only).")
        @Argument(help: "A preset id.") var id: String?
        @Option(help: "A policy JSON file instead of a preset.") var file: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let policy: Policy
            switch (id, file) {
            case (let id?, nil): policy = try PolicyFile.preset(id)
            case (nil, let file?): policy = try PolicyFile.load(path: file)
            default: throw ValidationError("give a preset id or --file FILE")
            }
            let (store, me) = try storeOptions.open(as: .current())
            try store.commit(Transaction([.policy(policy)], reason: "policy changed to \(policy.id)"), by: me)
            print("Now using: \(policy.name)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a policy file and list every problem in it.")
        @Argument(help: "The policy JSON file.") var file: String

        func run() throws {
            let p = try PolicyFile.load(path: file)
            print("\(file): OK: \(p.name), \(p.tracks.count) tracks, \(p.tracks.reduce(0) { $0 + $1.stages.count }) stages")
        }
    }
}

/// The policy in words, for people.
enum PolicyText {
    static func describe(_ p: Policy) -> String {
        var lines = ["\(p.name)  [\(p.id)]"]
        if let s = p.source { lines.append("From: \(s)") }
        if let t = p.targetPercent { lines.append("Target: \(t)%" + (p.panelEveryWeeks.map { "; attendance panel every \($0) weeks" } ?? "")) }
        lines.append("Bands: " + p.bands.map { "\($0.name) ≥ \($0.atLeast)%" }.joined(separator: ", "))
        for n in p.notes ?? [] { lines.append("Note: \(n)") }
        for track in p.tracks {
            lines.append("")
            lines.append("\(track.name) [\(track.id)]")
            for stage in track.stages {
                lines.append("  \(stage.name) [\(stage.id)]")
                lines.append("    when: " + (stage.entry.map(condition) ?? "escalated to from the stage before, at its review"))
                for a in stage.actions { lines.append("    - \(a.description) (\(a.owner), within \(a.dueWithinDays) days\(a.template.map { "; letter \($0)" } ?? ""))") }
                for a in stage.vulnerableActions ?? [] { lines.append("    - if vulnerable: \(a.description) (\(a.owner))") }
                if let w = stage.reviewAfterWeeks {
                    var r = "    review after \(w) weeks"
                    if let rule = stage.atReview {
                        r += ": improved → \(rule.ifImproved.replacingOccurrences(of: "_", with: " ")), not improved → \(rule.ifNotImproved)"
                    }
                    lines.append(r)
                }
                if let c = stage.closeWhen { lines.append("    closes when: \(condition(c))") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func condition(_ c: Condition) -> String {
        switch c {
        case .all(let l): return l.map(condition).joined(separator: " and ")
        case .any(let l): return "(" + l.map(condition).joined(separator: " or ") + ")"
        case .test(let t):
            var parts: [String] = []
            if let x = t.below { parts.append("below \(x)") }
            if let x = t.atMost { parts.append("at most \(x)") }
            if let x = t.atLeast { parts.append("at least \(x)") }
            if let x = t.above { parts.append("above \(x)") }
            if let e = t.equals { parts.append(e ? "yes" : "no") }
            return "\(t.measure.replacingOccurrences(of: "_", with: " "))\(t.weeks.map { " (\($0) weeks)" } ?? "") \(parts.joined(separator: " and "))"
        }
    }
}
