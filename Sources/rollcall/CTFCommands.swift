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
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (store, me) = try storeOptions.open(as: .current())
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CleanExit.failure("\(file): cannot be read (does it exist?)")
        }
        let records = try CTF.parse(data, file: file)
        try store.loadAllYears()
        let school = store.school
        let changes = try CTF.changes(records, into: school, group: regGroup, file: file)
        let added = records.filter { school.pupils[$0.pupil.upn] == nil }.count
                // The domain checks marks against pupils already stored, so the pupils go first; the
        // marks are checked against the school as it will be before either is committed, so a
        // refusal still stores nothing.
        let pupilChanges = changes.filter { if case .pupil = $0 { return true } else { return false } }
        let markChanges = changes.filter { if case .mark = $0 { return true } else { return false } }
        let reason = "imported from \(file)"
        let pupils = Transaction(pupilChanges, reason: reason, origin: .importFile(file))
        let marksT = Transaction(markChanges, reason: reason, origin: .importFile(file))
        try school.check(pupils, by: me, today: store.today)
        var after = school
        after.apply(pupils)
        try after.check(marksT, by: me, today: store.today)
        if !pupilChanges.isEmpty { try store.commit(pupils, by: me) }
        if !markChanges.isEmpty { try store.commit(marksT, by: me) }
        let sessions = records.reduce(0) { $0 + $1.years.reduce(0) { $0 + $1.marks.compactMap { $0 }.count } }
        print("\(file): \(records.count) pupil\(records.count == 1 ? "" : "s") read (\(added) added); \(sessions) marks read, \(markChanges.count) stored")
    }
}

/// `rollcall export ctf UPN... --out FILE.xml`.
func writeCTF(_ upns: [String], out: String?, store: Store) throws {
    guard !upns.isEmpty else { throw ValidationError("give the UPN of each pupil who leaves: rollcall export ctf UPN... --out FILE.xml") }
    let stamp = ISO8601DateFormatter().string(from: Date())
    let xml = try CTF.document(upns.map { $0.uppercased() }, school: store.school, generated: stamp)
    guard let out else { print(xml, terminator: ""); return }
    guard FileManager.default.createFile(atPath: out, contents: Data(xml.utf8)) else {
        throw CleanExit.failure("\(out): cannot be written")
    }
    print("\(out): \(upns.count) pupil\(upns.count == 1 ? "" : "s")")
}
