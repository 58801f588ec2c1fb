import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store for a school (refuses an existing store).",
        discussion: "The member of staff who runs it becomes the store's head (and DSL); add others with `rollcall staff add`.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The school's name, as letters and reports show it.")
    var school: String

    @Option(help: "Your name as the audit trail should show it (default: from your account).")
    var name: String?

    @Option(help: "The attendance policy preset to start with (see `rollcall policy list`).")
    var policy: String = PolicyFile.defaultPresetID

    func run() throws {
        let me = Identity.current()
        let schoolName = school.trimmingCharacters(in: .whitespaces)
        guard !schoolName.isEmpty else { throw ValidationError("--school needs the school's name") }
        let head = StaffMember(login: me.login, name: name ?? me.fullName, role: .head, isDSL: true)
        let preset = try PolicyFile.preset(policy)
        let store = try Store.create(at: storeOptions.path, schoolName: schoolName, head: head, policy: preset)
        print("Created an empty store for \(schoolName) at \(store.path)")
        print("Attendance policy: \(preset.name) (change it with `rollcall policy use ID`)")
        print("You (\(head.login)) are its head. Next: rollcall import pupils FILE.csv, then rollcall import marks FILE.csv")
    }
}
