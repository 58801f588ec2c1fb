import ArgumentParser
import AttendanceStore

/// The `--store` option every command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $ROLLCALL_STORE, else ~/.local/share/rollcall).", valueName: "dir"))
    var store: String?

    var path: String { StoreLocation.resolve(option: store) }

    func open() throws -> Store {
        do { return try Store.open(at: path) } catch let e as StoreError { throw CleanExit.failure(e.description) }
    }
}

/// Failures print one clear message on stderr and exit non-zero, without a usage dump.
enum CleanExit {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func failure(_ message: String) -> Failure { Failure(description: message) }
}
