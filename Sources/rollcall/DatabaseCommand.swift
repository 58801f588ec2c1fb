import ArgumentParser
import AttendanceStore
import Foundation
import PostgresStore

/// `rollcall database …`: what the database's owner does once.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "database", abstract: "Set up a PostgreSQL database for Rollcall (its owner, once).",
        subcommands: [DatabaseInstallCommand.self])
}

struct DatabaseInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install Rollcall's tables, roles and functions in a database, and let the head create a school there.",
        discussion: "Run it as a superuser (on Debian: sudo -u postgres rollcall database install --database postgresql:///rollcall --founder LOGIN). Installing again changes nothing but the founders, except that a schema installed by an older Rollcall is upgraded.")

    @Option(help: ArgumentHelp("The database (it must exist: createdb).", valueName: "url")) var database: String
    @Option(help: ArgumentHelp("A login that may create schools (the head): repeat for more. A login role is made for it if missing.", valueName: "login"))
    var founder: [String] = []

    func run() throws {
        let shown = StoreAddress.withoutPassword(database)
        switch try PostgresStore.install(database: database, founders: founder) {
        case .installed: print("Installed Rollcall's schema in \(shown)")
        case .upgraded(let from): print("Upgraded Rollcall's schema in \(shown) from version \(from) to \(Schema.version); no records were changed")
        case .alreadyCurrent: print("Rollcall's schema is already installed in \(shown); nothing was changed")
        }
        for login in founder { print("\(login) may create a school there: rollcall init --database URL --school \"NAME\"") }
    }
}
