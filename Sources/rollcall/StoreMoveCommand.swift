import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// `rollcall store …`: what concerns where a school's records are kept.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move a school between a store directory and a PostgreSQL database.",
        subcommands: [StoreMoveCommand.self])
}

struct StoreMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Copy a school, with its whole audit trail, from a store directory into a database (--from DIR --to URL) or back (--from URL --to DIR).",
        discussion: """
        Into a database: run it as a login the database's owner has granted rollcall_founder, \
        which is the head on the store's staff list (the moved staff list makes it the head \
        there too). Each change keeps its author and time; records the store held before its \
        audit trail began (a demo or generated school, or one migrated from an older layout) \
        become first rows in your name saying so. Back to a directory: run it as the head or \
        the DSL (who can read every sensitive note); it writes a new private store. Either way, \
        the exports of pupils, marks and casework are then compared: any difference is named \
        and the command exits 1.
        """)

    @Option(help: ArgumentHelp("The store directory, or the database's URL, to copy from.", valueName: "dir|url")) var from: String
    @Option(help: ArgumentHelp("The database's URL, or a new store directory, to copy to.", valueName: "url|dir")) var to: String
    @Option(name: .customLong("school"), help: ArgumentHelp("The school's id in the database (into it, default: made from its name; out of it, default: the only school you are staff at).", valueName: "id"))
    var schoolID: String?

    func run() throws {
        switch (Self.isDatabase(from), Self.isDatabase(to)) {
        case (false, true): try moveIn(from: StoreLocation.resolve(option: from), to: to)
        case (true, false): try moveOut(from: from, to: StoreLocation.resolve(option: to))
        default: throw ValidationError("give one store directory and one database URL: --from DIR --to URL, or --from URL --to DIR")
        }
    }

    /// A libpq URL (postgresql://…, postgres://…) or conninfo (key=value …), not a directory.
    static func isDatabase(_ s: String) -> Bool {
        s.hasPrefix("postgresql:") || s.hasPrefix("postgres:") || s.contains("=")
    }

    func moveIn(from dir: String, to url: String) throws {
        let file = try Store.open(at: dir)
        let login = try PostgresStore.login(database: url)
        guard let mover = file.school.staff[login], mover.role == .head else {
            throw CleanExit.failure("the database knows you as \(login), who is not the head on the staff list of \(dir); the store's head runs the move (they become the head in the database too, and must read every record to check the copy); nothing was moved")
        }
        if file.sharing != nil { Self.say("\(dir) is shared through an OS group: stop everyone using it while it moves, or their changes will not be in the copy") }
        let id = try schoolID ?? InitCommand.schoolID(from: file.school.name)
        let (rows, before) = try file.rowsForMove(mover: mover, now: Date())
        let written = try PostgresStore.moveIn(database: url, id: id, name: file.school.name, from: dir, rows: rows)
        print("Moved \(file.school.name) into the database as school \(id): \(written) journal rows (\(rows.count - before) from the audit trail\(before > 0 ? ", and \(before) first in your name holding what the store had before its trail began" : ""))")
        let moved = try PostgresStore.open(database: url, school: id)
        try Self.compare(try Store.open(at: dir), moved, what: "the store \(dir) and school \(id) in the database")
        print("Checked: the exports of pupils, marks and casework are identical. Staff now use --database (or $ROLLCALL_DATABASE); \(dir) is left as it was: keep it as a backup, and stop using it")
    }

    func moveOut(from url: String, to dir: String) throws {
        let (db, rows) = try Self.copyOut(from: url, school: schoolID, to: dir)
        print("Moved school \(db.schoolID) (\(db.school.name)) to a new store at \(dir): \(rows) journal lines, each in its author's name")
        print("Checked: the exports of pupils, marks and casework are identical")
    }

    /// Writes school `school` (or the only one) to a new store at `dir` and checks the
    /// exports match (exit 1 naming the difference otherwise). Returns the school's store
    /// and the rows written.
    static func copyOut(from url: String, school: String?, to dir: String) throws -> (PostgresStore, Int) {
        let db = try DatabaseOpening.open(url: url, school: school, clock: .system)
        let rows = try db.rowsForMove()
        _ = try Store.createMoved(at: dir, schoolName: db.school.name, rows: rows)
        try compare(try PostgresStore.open(database: url, school: db.schoolID), try Store.open(at: dir),
                    what: "school \(db.schoolID) in the database and the store \(dir)")
        return (db, rows.count)
    }

    /// The exports `rollcall export pupils|marks|casework` prints, from both stores; a
    /// difference is named (its first differing line) and exits 1.
    static func compare(_ a: any SchoolStore, _ b: any SchoolStore, what: String) throws {
        for s in [a, b] {
            try s.loadAllYears()
            try s.loadContacts()
        }
        let exports: [(String, (School) -> String)] = [
            ("pupils", { Export.pupilsCSV($0) }), ("marks", { Export.marksCSV($0) }), ("casework", { Export.caseworkJSON($0) }),
        ]
        var differences: [String] = []
        for (name, export) in exports {
            let x = export(a.school), y = export(b.school)
            guard x != y else { continue }
            let xs = x.split(separator: "\n", omittingEmptySubsequences: false), ys = y.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(xs.count, ys.count)).first { xs[$0] != ys[$0] } ?? min(xs.count, ys.count)
            let line = { (l: [Substring]) in i < l.count ? "\"\(l[i])\"" : "(nothing)" }
            differences.append("export \(name) differs first at line \(i + 1): \(line(xs)) against \(line(ys))")
        }
        guard differences.isEmpty else {
            for d in differences { FileHandle.standardError.write(Data("Problem: \(EnteredText.shown(d, keepingLayout: true))\n".utf8)) }
            FileHandle.standardError.write(Data("Error: the copy does not match (\(what)); nothing was removed from either\n".utf8))
            throw ExitCode.failure
        }
    }

    static func say(_ text: String) { FileHandle.standardError.write(Data("Note: \(text)\n".utf8)) }
}
