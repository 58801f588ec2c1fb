import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pupils or marks from CSV or a SIMS report saved as XML (all or nothing: one bad row and nothing is stored).",
        subcommands: [Pupils.self, Marks.self, ImportCTFCommand.self]
    )

    struct Pupils: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update pupils by UPN from a CSV file or a SIMS report saved as XML (see docs/csv-formats.md).",
            discussion: "A column the file does not have (preferred name, a flag, contacts) leaves what is stored alone.")

        @Argument(help: "The CSV file, or a SIMS report saved as XML.") var file: String
        @OptionGroup var importOptions: ImportOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let pupils = try PupilImport.read(try readCSV(file), file: file, mapping: try importOptions.mapping())
            let r = try store.importPupils(pupils, file: file, by: me)
            print("\(file): \(r.read) pupils read; \(r.added) added, \(r.changed) updated, \(r.unchanged) unchanged")
            if let unused = pupils.unusedNote { print("\(file): \(unused)") }
        }
    }

    struct Marks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record marks from a CSV file: upn, date, session, mark[, minutes_late, comment], or upn, start, marks.",
            discussion: """
            A mark that replaces a different stored mark is recorded as an amendment, with the file as its reason. \
            A column the file does not have (minutes_late, comment) leaves what is stored alone. A mark staff \
            amended with a reason is not replaced: the import lists each one and stores nothing, unless \
            --overwrite-amended is given.
            """)

        @Argument(help: "The CSV file, or a SIMS report saved as XML.") var file: String
        @Flag(help: "Replace marks staff amended with a reason (each replacement is an amendment naming the file).")
        var overwriteAmended = false
        @Flag(name: .customLong("allow-date"), help: "Record marks outside the years the calendar and register hold (and the year either side), such as history from the MIS; the file is the reason kept.")
        var allowDate = false
        @OptionGroup var importOptions: ImportOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            let marks = try MarkImport.read(try readCSV(file), file: file, knownUPNs: Set(store.school.pupils.keys), mapping: try importOptions.mapping())
            let r = try store.importMarks(marks, file: file, by: me, overwriteAmended: overwriteAmended, allowingAnyDate: allowDate)
            let overwrote = r.overwroteAmended > 0 ? " (\(r.overwroteAmended) of them amended by staff before, overwritten)" : ""
            print("\(file): \(r.read) marks read; \(r.added) added, \(r.changed) amended\(overwrote), \(r.unchanged) left alone (already as in the file)")
            if let unused = marks.unusedNote { print("\(file): \(unused)") }
        }
    }
}

/// What every import takes besides the file: `--map FIELD=HEADER`, repeatable.
struct ImportOptions: ParsableArguments {
    @Option(name: .customLong("map"), help: ArgumentHelp("Read FIELD from the column named HEADER (repeatable), for a layout whose names Rollcall does not know.", valueName: "FIELD=HEADER"))
    var maps: [String] = []

    func mapping() throws -> [String: String] {
        var result: [String: String] = [:]
        for m in maps {
            guard let eq = m.firstIndex(of: "="), eq != m.startIndex, m.index(after: eq) != m.endIndex else {
                throw CleanExit.failure("--map \(m): write it as FIELD=HEADER, e.g. --map upn=\"Pupil Number\"")
            }
            result[String(m[..<eq]).trimmingCharacters(in: .whitespaces)] = String(m[m.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

/// Reads an import file as text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
/// Windows-1252, which is converted and said so on stdout.
func readCSV(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CleanExit.failure("\(path): cannot be read (does it exist?)")
    }
    let decoded = try ImportText.decode(data, file: path)
    if let note = decoded.note { print("\(path): \(note)") }
    return decoded.text
}
