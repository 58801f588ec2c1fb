import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

/// Options every contact-log entry shares.
struct EntryOptions: ParsableArguments {
    @Option(help: "The day (default: today).") var date: DateArgument?
    @Option(help: "The time, HH:MM (default: now).") var time: String?
    @Option(name: .customLong("follow-up"), help: "When to follow up.") var followUp: FollowUpDateArgument?
    @Flag(help: "Safeguarding-sensitive: only the DSL and the head may read the text.") var sensitive = false

    func validate() throws {
        if let time, ClockTime(parsing: time) == nil {
            throw ValidationError("--time \"\(time)\" is not a time; use \(ClockTime.acceptedForm)")
        }
    }

    var day: SchoolDate { date?.date ?? .today() }
    var clock: String {
        if let time, let t = ClockTime(parsing: time) { return t.description }
        return SchoolTimeZone.clock()
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record a call, home visit, meeting, letter, message or note in the contact log.",
        subcommands: [Call.self, Visit.self, MeetingCmd.self, Letter.self, Message.self, Note.self, Concern.self])

    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A phone call and its outcome; --reason applies the reason found to the pupil's open N marks and the O marks of the absence still running.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "Which contact: their number in the list (1, 2 …) or name.") var contact: String
        @Option(help: "The number dialled (default: the contact's first).") var number: String?
        @Option(help: "no_answer, voicemail_left, spoke, number_not_in_use or refused.") var outcome: ContactLogEntry.CallOutcome
        @Option(help: "The reason for absence established, as a code (e.g. I, M); needs --outcome spoke.") var reason: String?
        @Flag(help: "Replace the pupil's open N marks (this academic year, up to the call's date) and the O marks of the absence still running with --reason, as amendments.") var apply = false
        @Option(help: "What was said.") var note: String = ""
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let id = upn.uppercased()
            guard let pupil = store.school.pupils[id] else { throw CleanExit.failure("no pupil with UPN \(id)") }
            let person: Contact? = Int(contact).flatMap { $0 >= 1 && $0 <= pupil.contacts.count ? pupil.contacts[$0 - 1] : nil }
                ?? pupil.contacts.first { $0.name.lowercased() == contact.lowercased() }
            guard let person else { throw CleanExit.failure("\(pupil.fullName) has no contact \"\(contact)\" (contacts: \(pupil.contacts.enumerated().map { "\($0.offset + 1). \($0.element.name)" }.joined(separator: ", ")))") }
            var code: AttendanceCode?
            if let reason {
                switch AttendanceCode.callReason(reason) {
                case .success(let c): code = c
                case .failure(let why): throw ValidationError("--reason: \(why.message)")
                }
            }
            if apply && code == nil { throw ValidationError("--apply needs --reason") }
            let e = ContactLogEntry(upn: id, kind: .call, on: entry.day, time: entry.clock, contactName: person.name,
                                    number: number ?? person.phones.first, outcome: outcome, reasonCode: code, text: note,
                                    followUp: entry.followUp?.date, sensitive: entry.sensitive)
            if apply { try store.loadYears(covering: Statistics.yearToDate(entry.day)) }
            let done = try store.commit(store.school.loggingCall(e, applyingReason: apply), by: me)
            let amended = done?.changes.filter { if case .mark = $0 { return true } else { return false } }.count ?? 0
            print("Logged: \(e.summary)")
            if apply { print("\(amended) open N or O mark\(amended == 1 ? "" : "s") amended to \(code!.symbol), with the call as the reason") }
        }
    }

    struct Visit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "visit", abstract: "A home visit.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "Who went (comma-separated).") var who: String
        @Option(name: .customLong("child-seen"), help: "yes or no.") var childSeen: String
        @Option(help: "The adult spoken to, if any.") var adult: String?
        @Option(help: "Concerns and what happened.") var note: String = ""
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let seen = ["yes": true, "y": true, "no": false, "n": false][childSeen.lowercased()] else { throw ValidationError("--child-seen is yes or no") }
            let (store, me) = try storeOptions.open(as: .current())
            let e = ContactLogEntry(upn: upn.uppercased(), kind: .homeVisit, on: entry.day, time: entry.clock,
                                    visitedBy: who.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
                                    childSeen: seen, adultSpokenTo: adult, text: note, followUp: entry.followUp?.date, sensitive: entry.sensitive)
            try store.commit(Transaction([.contact(e)]), by: me)
            print("Logged: \(e.summary)")
        }
    }

    struct MeetingCmd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "meeting", abstract: "A meeting with the family: minutes, agreed actions, target and next review.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "Who attended (comma-separated).") var attendees: String
        @Option(help: "The case track it belongs to (sets the case's next review).") var track: String?
        @Option(name: .customLong("going-well"), help: "What is going well.") var goingWell: String = ""
        @Option(help: "Concerns.") var concerns: String = ""
        @Option(help: "Wellbeing goals.") var goals: String = ""
        @Option(name: .customLong("action"), help: "An agreed action (repeat for several).") var actions: [String] = []
        @Option(help: "Target attendance %, e.g. 95.") var target: Double?
        @Option(name: .customLong("over-weeks"), help: "Over how many school weeks.") var overWeeks: Int = 6
        @Option(name: .customLong("next-review"), help: "The review date.") var nextReview: FollowUpDateArgument?
        @Flag(help: "This meeting agreed or reviewed an attendance action plan.") var plan = false
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let m = Meeting(upn: upn.uppercased(), track: track, on: entry.day,
                            attendees: attendees.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
                            goingWell: goingWell, concerns: concerns, wellbeingGoals: goals, agreedActions: actions,
                            target: target.map { AttendanceTarget(percent: $0, overSchoolWeeks: overWeeks) },
                            nextReview: nextReview?.date, isActionPlan: plan)
            try store.commit(store.school.recordingMeeting(m, time: entry.clock, sensitive: entry.sensitive), by: me)
            print("Logged meeting on \(entry.day.spoken)" + (m.nextReview.map { "; next review \($0.spoken)" } ?? ""))
        }
    }

    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "letter", abstract: "Record that a letter was sent (see `rollcall letter` to write one).")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Option(help: "The letter template id.") var template: String
        @Option(help: "A note.") var note: String = ""
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            guard Letters.templateIDs.contains(template) else { throw CleanExit.failure("no letter template \"\(template)\"") }
            let e = ContactLogEntry(upn: upn.uppercased(), kind: .letter, on: entry.day, time: entry.clock, template: template,
                                    text: note, followUp: entry.followUp?.date, sensitive: entry.sensitive)
            try store.commit(Transaction([.contact(e)] + store.school.completeLetterActions(upn: e.upn, template: template, on: entry.day)), by: me)
            print("Logged: \(e.summary)")
        }
    }

    struct Message: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "message", abstract: "An email or text message.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Argument(help: "What was sent or received.") var text: String
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions
        func run() throws { try entry.logText(.message, upn: upn, text: text, storeOptions) }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "A note about the pupil.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Argument(help: "The note.") var text: String
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions
        func run() throws { try entry.logText(.note, upn: upn, text: text, storeOptions) }
    }

    struct Concern: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "concern",
            abstract: "Raise a cause for concern about the pupil's attendance (a note the policy can act on, e.g. Bridgewater Park's Step 4), or lift it with --lift.")
        @Argument(help: "The pupil's UPN.") var upn: String
        @Argument(help: "What the concern is (or why it is lifted).") var text: String
        @Flag(help: "Lift the concern raised earlier.") var lift = false
        @OptionGroup var entry: EntryOptions
        @OptionGroup var storeOptions: StoreOptions
        func run() throws { try entry.logText(.note, upn: upn, text: text, storeOptions, concern: !lift) }
    }
}

extension EntryOptions {
    /// A contact-log entry that is only words: a message or a note (which may raise or lift
    /// a cause for concern).
    func logText(_ kind: ContactLogEntry.Kind, upn: String, text: String, _ storeOptions: StoreOptions, concern: Bool? = nil) throws {
        let (store, me) = try storeOptions.open(as: .current())
        let e = ContactLogEntry(upn: upn.uppercased(), kind: kind, on: day, time: clock, text: text, followUp: followUp?.date, sensitive: sensitive, concern: concern)
        try store.commit(Transaction([.contact(e)]), by: me)
        print("Logged: \(e.summary)")
    }
}

extension ContactLogEntry.CallOutcome: ExpressibleByArgument {}
