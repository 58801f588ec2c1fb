import ArgumentParser
import AttendanceStore
import Foundation
import PostgresStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify every file of a store; change nothing. Exits non-zero if anything is damaged.")
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Give every file the group and mode the store's sharing calls for (the head, or root).")
    var repairPermissions = false

    func run() throws {
        if case .database = try storeOptions.choice() {
            guard !repairPermissions else { throw CleanExit.failure("--repair-permissions is for a store directory; in a database, the server keeps its own files") }
            return try checkDatabase()
        }
        if repairPermissions { try repair() }
        let report = CheckReport.run(store: storeOptions.path)
        for n in report.notes { print(n) }
        for w in report.warnings { FileHandle.standardError.write(Data("Warning: \(w)\n".utf8)) }
        if report.isHealthy {
            print("OK: \(storeOptions.path) is sound")
        } else {
            for p in report.problems + report.backupProblems { FileHandle.standardError.write(Data("Problem: \(p)\n".utf8)) }
            throw ExitCode.failure
        }
    }
}

extension CheckCommand {
    /// A school in a database: its journal's hash chain, as far as this login may read it.
    func checkDatabase() throws {
        guard let store = try storeOptions.openStore() as? PostgresStore else { return }
        let problems = try store.checkProblems()
        if problems.isEmpty {
            print("OK: \(store.address) is sound (\(store.lastSeq) journal rows, the hash chain unbroken)")
        } else {
            for p in problems { FileHandle.standardError.write(Data("Problem: \(p)\n".utf8)) }
            throw ExitCode.failure
        }
    }

    /// Only the head (or root, who can change any file) may repair.
    func repair() throws {
        let me = Identity.current()
        let store = try Store.open(at: storeOptions.path)
        if getuid() != 0 || ProcessInfo.processInfo.environment[Identity.loginVariable] != nil {
            let member = try store.staffMember(login: me.login)
            guard member.role == .head else {
                throw CleanExit.failure("repairing permissions needs the head's role; \(member.signature) is \(member.role.rawValue)")
            }
        }
        let findings = Permissions.findings(store: store.path, sharing: store.sharing)
        let failed = Permissions.repair(findings)
        print("Repaired \(findings.count - failed.count) of \(findings.count) files")
        for f in failed { FileHandle.standardError.write(Data("Not repaired: \(f) (run as root: sudo rollcall check --repair-permissions)\n".utf8)) }
    }
}

/// `rollcall migrate`: the only way a store in an older layout is changed to the current one.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Move a store in an older layout to the current one (its owner only; backed up first).",
        discussion: "You, the login that owns the store's directory, become its head and DSL. No other command changes a store's layout.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let me = Identity.current()
        guard let done = try Store.migrate(at: storeOptions.path, as: me.asHead) else {
            print("\(storeOptions.path) is already in the current layout; nothing was changed")
            return
        }
        print(done)
        print("\(me.fullName) (\(me.login)) is its head and DSL; add the other staff with `rollcall staff add`")
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a dated copy of the store and check it reads back the same.",
        discussion: "Rollcall also keeps a daily copy, taken before the first change of each day, in DIR/backups (the last \(Backup.dailyKept)).")
    @Option(help: "Where to write the copy (default: DIR/backups/rollcall-DATE).") var to: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if case .database(let url, let school) = try storeOptions.choice() { return try DatabaseBackup.run(url: url, school: school, to: to) }
        let opened = try storeOptions.open(as: .current()).store
        guard let store = opened as? Store else { return }
        let path = try Backup.make(store, to: to.map { StoreLocation.resolve(option: $0) })
        print("Backed up and verified: \(path)")
        if !Backup.holdsSensitiveWords(path) {
            FileHandle.standardError.write(Data("Warning: this backup does not hold the words of safeguarding-sensitive entries: only a member of the DSL group (\(store.sharing?.dslGroup ?? "the DSL")) can copy them. Ask them to take a backup too.\n".utf8))
        }
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Fold the journal into a new snapshot now (Rollcall also does this by itself).")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let opened = try storeOptions.open(as: .current()).store
        guard let store = opened as? Store else {
            print("Nothing to compact: a school in a database keeps no journal file to fold")
            return
        }
        try store.compact()
        print("Compacted: the snapshot now holds every change up to \(store.lastSeq)")
    }
}
