import ArgumentParser
import Attendance
import AttendanceStore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "A class's register for one session.",
        subcommands: [Close.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a class's register: every pupil must have a mark first (N if nothing is known).",
            discussion: """
            Refused, listing them, while any pupil in the class has no mark for the session. \
            After the close, changing a mark is an amendment: --reason is required, and the \
            original mark, the new one, the reason, when and who are kept. Closing again \
            changes nothing.
            """)

        @Argument(help: "The registration group (class), e.g. 4A.") var group: String
        @Argument(help: "The date (YYYY-MM-DD or DD/MM/YYYY, or today).") var date: DateArgument
        @Argument(help: "AM or PM.") var session: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let half = SessionHalf(label: session) else { throw ValidationError("session must be AM or PM, not \"\(session)\"") }
            let (store, me) = try storeOptions.open(as: .current())
            // The class as pupils' records spell it, whatever the case typed.
            let name = store.school.registrationGroups.first { $0.lowercased() == group.lowercased() } ?? group
            let closure = RegisterClosure(group: name, session: Session(date.date, half))
            if try store.commit(Transaction([.registerClosed(closure)]), by: me) == nil {
                print("The \(name) register for \(closure.session) was already closed; nothing changed.")
            } else {
                print("The \(name) register for \(closure.session) is closed; changes to it are now amendments and need a reason.")
            }
        }
    }
}
