import ArgumentParser
import AttendanceStore
import Foundation

/// `rollcall audit export`: the whole audit trail with its hash chain, for someone outside the
/// school (an auditor, the LA) to verify with the steps in docs/store-format.md.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail's hash chain: export it for a third party to verify.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every transaction ever recorded, oldest first, exactly as written, with its hash chain.",
            discussion: """
            Each line is one transaction as the journal wrote it: `prev` is the SHA-256 of the line \
            before it (newline included), 64 zeros before a store's first. The command verifies the \
            chain as it writes and prints the last line's SHA-256: note it down, and any later \
            export that still leads to it shows nothing before it was changed. The steps to verify \
            an export without Rollcall are in docs/store-format.md ("Verifying an audit export"). \
            Exits 1, after writing, if the chain does not verify.
            """)

        @Option(help: ArgumentHelp("The file to write (JSON Lines).", valueName: "file")) var out: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let opened = try storeOptions.open(as: .current()).store
            guard let directory = opened.directory else {
                return try DatabaseAuditExport.run(opened, out: out)
            }
            let file = try OutputFile(out, store: directory)
            let verification = try AuditChain.export(store: directory) { try file.write($0) }
            print("\(file.written): \(verification.transactions) transactions")
            if let tip = verification.tip { print("The last line's SHA-256: \(tip)") }
            if verification.linked < verification.transactions {
                print("\(verification.transactions - verification.linked) transactions were written before this store kept the hash chain; their lines carry no link")
            }
            for problem in verification.unreadable { FileHandle.standardError.write(Data("Problem: \(problem)\n".utf8)) }
            if let broken = verification.brokenLink {
                throw CleanExit.failure("the hash chain does not verify: \(broken)")
            }
            if !verification.unreadable.isEmpty { throw ExitCode.failure }
        }
    }
}
