import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

/// `rollcall import ctf FILE.xml`: pupils and their attendance from a Common Transfer File.
struct ImportCTFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctf",
        abstract: "Add or update pupils, and their marks, from a Common Transfer File (docs/ctf.md).",
        discussion: """
        All or nothing: a pupil whose marks do not add up to the file's own totals is refused, \
        named with the figures, and nothing is stored. A CTF carries no registration group for \
        this school: pupils already here keep theirs, new ones go into --reg-group.
        """)

    @Argument(help: "The CTF (XML).") var file: String
    @Option(name: .customLong("reg-group"), help: "The registration group for pupils not yet in this school (required when there are any).")
    var regGroup: String?
    @Flag(name: .customLong("allow-date"), help: "Record the file's marks outside the years this school's calendar and register hold (and the year either side): a joiner's earlier years.")
    var allowDate = false
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (store, me) = try storeOptions.open(as: .current())
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CleanExit.failure("\(file): cannot be read (does it exist?)")
        }
        let r = try store.importCTF(try CTF.parse(data, file: file), file: file, regGroup: regGroup, by: me, allowingAnyDate: allowDate)
        print("\(file): \(r.pupils) pupil\(r.pupils == 1 ? "" : "s") read (\(r.added) added); \(r.marksRead) marks read, \(r.marksStored) stored")
        for note in r.notes { print("  \(note)") }
    }
}

/// `rollcall export ctf UPN... --out FILE.xml`.
func writeCTF(_ upns: [String], out: String?, store: any SchoolStore) throws {
    guard !upns.isEmpty else { throw ValidationError("give the UPN of each pupil who leaves: rollcall export ctf UPN... --out FILE.xml") }
    let stamp = ISO8601DateFormatter().string(from: Date())
    let xml = try CTF.document(upns.map { $0.uppercased() }, school: store.school, generated: stamp)
    guard let out else { print(xml, terminator: ""); return }
    let file = try OutputFile(out, store: store.directory)
    try file.write(xml)
    print("\(file.written): \(upns.count) pupil\(upns.count == 1 ? "" : "s")")
}
