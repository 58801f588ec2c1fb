import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store for a school (refuses an existing store).",
        discussion: "The member of staff who runs it becomes the store's head (and DSL); add others with `rollcall staff add`.")

    @OptionGroup var storeOptions: StoreOptionsWithoutSchool

    @Option(help: "The school's name, as letters and reports show it.")
    var school: String

    @Option(help: "Your name as the audit trail should show it (default: from your account).")
    var name: String?

    @Option(help: "The attendance policy preset to start with (see `rollcall policy list`).")
    var policy: String = PolicyFile.defaultPresetID

    // Kept so that an old set-up script gets the reason, not "unknown option".
    @Option(help: .hidden) var group: String?
    @Option(name: .customLong("dsl-group"), help: .hidden) var dslGroup: String?

    @Option(name: .customLong("id"), help: ArgumentHelp("With --database: the school's id there (lower-case letters, digits and _; default: made from its name).", valueName: "id"))
    var schoolID: String?

    func run() throws {
        let me = Identity.current()
        let schoolName = school.trimmingCharacters(in: .whitespaces)
        guard !schoolName.isEmpty else { throw ValidationError("--school needs the school's name") }
        let head = StaffMember(login: me.login, name: name ?? me.fullName, role: .head, isDSL: true)
        let preset = try PolicyFile.preset(policy)
        if let url = databaseURL {
            guard group == nil && dslGroup == nil else {
                throw ValidationError("--group shares a store directory; a school in a database is shared through its roles (`rollcall staff add`)")
            }
            let id = try schoolID ?? InitCommand.schoolID(from: schoolName)
            let store = try PostgresStore.create(database: url, id: id, name: schoolName, head: head, policy: preset)
            print("Created \(schoolName) in the database as school \(store.schoolID)")
            print("Attendance policy: \(preset.name)")
            print("You (\(head.login)) are its head.")
            return
        }
        // Refused before anything is written (issue 20): see StoreSharing.refusal.
        if group != nil || dslGroup != nil { throw CleanExit.failure(StoreSharing.refusal) }
        umask(0o007)
        let store = try Store.create(at: storeOptions.path, schoolName: schoolName, head: head, policy: preset)
        print("Created an empty store for \(schoolName) at \(store.path), private to you (for several staff, see `rollcall init --database`)")
        print("Attendance policy: \(preset.name) (change it with `rollcall policy use ID`)")
        print("You (\(head.login)) are its head. Next: rollcall import pupils FILE.csv, then rollcall import marks FILE.csv")
    }

    /// --database, else $ROLLCALL_DATABASE unless a store directory was named.
    var databaseURL: String? {
        if case .database(let url, _)? = try? storeOptions.choice() { return url }
        return nil
    }

    /// "Greenfield Primary School" → "greenfield_primary_school": the school's id in the database.
    static func schoolID(from name: String) throws -> String {
        var id = ""
        for c in name.lowercased().unicodeScalars {
            let ascii = c.isASCII && (CharacterSet.lowercaseLetters.contains(c) || CharacterSet.decimalDigits.contains(c))
            if ascii { id.unicodeScalars.append(c) } else if !id.isEmpty && !id.hasSuffix("_") { id += "_" }
        }
        while id.hasSuffix("_") { id.removeLast() }
        id = String(id.prefix(40))
        guard let first = id.first, first.isLetter else {
            throw ValidationError("cannot make a school id from \"\(name)\"; give one with --id (lower-case letters, digits and _, starting with a letter)")
        }
        return id
    }
}
