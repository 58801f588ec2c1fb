import AttendanceStore
import Foundation
import PostgresStore

/// The app, for a login that is staff at several schools in the database and chose none
/// (no --school, no $ROLLCALL_SCHOOL): a plain numbered question before the screen starts.
enum SchoolQuestion {
    /// The options with the school chosen, asking only when there is a choice to make.
    /// `known`: the login's schools, when the caller has just read them.
    static func choosing(_ options: StoreOptions, known: [(id: String, name: String)]? = nil) throws -> StoreOptions {
        guard case .database(let url, nil) = try options.choice() else { return options }
        let schools = try known ?? PostgresStore.schools(database: url)
        guard schools.count > 1 else { return options }
        var chosen = options
        chosen.schoolChoice = try ask(schools.map { "\($0.id) (\($0.name))" }, ids: schools.map(\.id))
        return chosen
    }

    /// Asks on the terminal until a number in range is given; end of input or `q` stops.
    static func ask(_ labels: [String], ids: [String], readLine: () -> String? = { Swift.readLine() }) throws -> String {
        print("You are on the staff of \(labels.count) schools in this database:")
        for (i, label) in labels.enumerated() { print("  \(i + 1). \(label)") }
        while true {
            print("Which school? (1–\(labels.count), q to stop; --school ID chooses next time): ", terminator: "")
            fflush(nil)  // every output stream: the question shows before the answer is read
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces), line.lowercased() != "q" else {
                throw CleanExit.failure("no school chosen; nothing was opened")
            }
            if let n = Int(line), labels.indices.contains(n - 1) { return ids[n - 1] }
            if let i = ids.firstIndex(of: line) { return ids[i] }
            print("\"\(line)\" is not one of them.")
        }
    }
}
