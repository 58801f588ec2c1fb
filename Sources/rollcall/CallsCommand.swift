import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "The first-day calling list: every pupil absent with no reason (N), vulnerable first.",
        discussion: "The JSON output is a stable interface for scripts: see docs/casework-json.md.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "The day (default: today).") var date: DateArgument?
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let day = date?.date ?? .today()
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: day)
        try store.loadContacts(from: day)
        let list = store.school.callingList(on: day)
        if format == .json {
            print(JSONValue.array(list.map { e in
                .object([
                    ("upn", .string(e.pupil.upn)),
                    ("name", .string(e.pupil.fullName)),
                    ("days_unexplained", .int(e.daysUnexplained)),
                    ("vulnerable", .bool(e.vulnerable)),
                    ("contacts", .array(e.contacts.map { c in
                        .object([("name", .string(c.name)), ("relationship", .string(c.relationship)),
                                 ("phones", .array(c.phones.map(JSONValue.string))),
                                 ("parental_responsibility", .bool(c.parentalResponsibility))])
                    })),
                    ("tried_today", .array(e.triedToday.map { .string($0.visible(to: me).summary) })),
                    ("stage", .optional(e.stage)),
                    ("next_step", .array(e.nextSteps.map(JSONValue.string))),
                    ("duties", .array(e.duties.map(JSONValue.string))),
                ])
            }).rendered())
            return
        }
        print("First-day calling, \(day.spoken): \(list.count) pupil\(list.count == 1 ? "" : "s") absent with no reason")
        for e in list {
            print("")
            let flags = e.pupil.flags.set.filter { [.childProtection, .childInNeed, .lookedAfter, .hasSocialWorker].contains($0) }.map(\.rawValue)
            print("\(e.vulnerable ? "! " : "  ")\(e.pupil.listName) (\(e.pupil.registrationGroup))  day \(e.daysUnexplained) of unexplained absence\(flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]")")
            for (i, c) in e.contacts.enumerated() {
                print("    \(i + 1). \(c.name) (\(c.relationship)\(c.parentalResponsibility ? ", PR" : "")): \(c.phones.joined(separator: ", "))")
            }
            for t in e.triedToday { print("    tried: \(t.visible(to: me).summary)") }
            for s in e.nextSteps { print("    next: \(s)") }
            for d in e.duties { print("    DUTY: \(d)") }
        }
    }
}
