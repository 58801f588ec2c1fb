import ArgumentParser
import AttendanceStore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify every file of a store; change nothing. Exits non-zero if anything is damaged.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let report = CheckReport.run(store: storeOptions.path)
        for n in report.notes { print(n) }
        if report.isHealthy {
            print("OK: \(storeOptions.path) is sound")
        } else {
            for p in report.problems + report.backupProblems { FileHandle.standardError.write(Data("Problem: \(p)\n".utf8)) }
            throw ExitCode.failure
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a dated copy of the store and check it reads back the same.",
        discussion: "Rollcall also keeps a daily copy, taken before the first change of each day, in DIR/backups (the last \(Backup.dailyKept)).")
    @Option(help: "Where to write the copy (default: DIR/backups/rollcall-DATE).") var to: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(as: .current()).store
        let path = try Backup.make(store, to: to.map { StoreLocation.resolve(option: $0) })
        print("Backed up and verified: \(path)")
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Fold the journal into a new snapshot now (Rollcall also does this by itself).")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(as: .current()).store
        try store.compact()
        print("Compacted: the snapshot now holds every change up to \(store.lastSeq)")
    }
}
