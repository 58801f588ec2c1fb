import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pupils or marks from CSV (all or nothing: one bad row and nothing is stored).",
        subcommands: [Pupils.self, Marks.self]
    )

    struct Pupils: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update pupils by UPN from a CSV file (see docs/csv-formats.md).")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let text = try readCSV(file)
            do {
                let pupils = try PupilImport.parse(text, file: file)
                let result = try store.apply(pupils: pupils)
                print("\(file): \(pupils.count) pupils read; \(result.added) added, \(result.updated) updated, \(pupils.count - result.added - result.updated) unchanged")
            } catch let e as ImportFailure {
                throw CleanExit.failure(e.description)
            } catch let e as StoreError {
                throw CleanExit.failure(e.description)
            }
        }
    }

    struct Marks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record marks from a CSV file: upn, date, session, mark[, minutes_late, comment].")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let text = try readCSV(file)
            do {
                let marks = try MarkImport.parse(text, file: file, knownUPNs: Set(store.school.pupils.keys))
                let result = try store.apply(marks: marks)
                print("\(file): \(marks.count) marks read; \(result.added) added, \(result.changed) changed, \(marks.count - result.added - result.changed) unchanged")
            } catch let e as ImportFailure {
                throw CleanExit.failure(e.description)
            } catch let e as StoreError {
                throw CleanExit.failure(e.description)
            }
        }
    }
}

/// Reads a CSV file as UTF-8 (with or without a BOM).
func readCSV(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CleanExit.failure("\(path): cannot be read (does it exist?)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CleanExit.failure("\(path): is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"")
    }
    return text
}
