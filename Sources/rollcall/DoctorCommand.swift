import ArgumentParser
import Foundation
import PostgresStore

/// `rollcall doctor`: is everything in place to use the school in the database?
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check each step of reaching a school in a database (the server, your login, peer authentication, the schema, your schools) and say what to do about the first that is wrong.")

    @Option(help: ArgumentHelp("The database (default: $ROLLCALL_DATABASE).", valueName: "url")) var database: String?

    func run() throws {
        guard let url = database ?? ProcessInfo.processInfo.environment["ROLLCALL_DATABASE"] else {
            throw ValidationError("give --database URL (or set $ROLLCALL_DATABASE): doctor checks a school in a database")
        }
        var healthy = true
        for f in DatabaseDoctor.examine(url: url) {
            if f.ok { print("OK: \(f.text)") } else {
                healthy = false
                FileHandle.standardError.write(Data("Problem: \(f.text)\n".utf8))
            }
        }
        if !healthy { throw ExitCode.failure }
    }
}
