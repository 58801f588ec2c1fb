import ArgumentParser
import AttendanceStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty store for a school (refuses an existing store).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The school's name, as letters and reports show it.")
    var school: String

    func run() throws {
        let name = school.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ValidationError("--school needs the school's name") }
        do {
            let store = try Store.create(at: storeOptions.path, schoolName: name)
            print("Created an empty store for \(name) at \(store.path)")
            print("Next: rollcall import pupils FILE.csv, then rollcall import marks FILE.csv")
        } catch let e as StoreError {
            throw CleanExit.failure(e.description)
        }
    }
}

import Foundation
