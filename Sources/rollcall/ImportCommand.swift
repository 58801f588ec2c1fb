import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pupils or marks from CSV (all or nothing: one bad row and nothing is stored).",
        subcommands: [Pupils.self, Marks.self, ImportCTFCommand.self]
    )

    struct Pupils: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update pupils by UPN from a CSV file (see docs/csv-formats.md).")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let pupils = try PupilImport.parse(try readCSV(file), file: file)
            let r = try store.importPupils(pupils, file: file, by: me)
            print("\(file): \(r.read) pupils read; \(r.added) added, \(r.changed) updated, \(r.unchanged) unchanged")
        }
    }

    struct Marks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record marks from a CSV file: upn, date, session, mark[, minutes_late, comment].",
            discussion: "A mark that replaces a different stored mark is recorded as an amendment, with the file as its reason.")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let marks = try MarkImport.parse(try readCSV(file), file: file, knownUPNs: Set(store.school.pupils.keys))
            let r = try store.importMarks(marks, file: file, by: me)
            print("\(file): \(r.read) marks read; \(r.added) added, \(r.changed) amended, \(r.unchanged) unchanged")
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
