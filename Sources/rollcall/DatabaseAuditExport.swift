import AttendanceStore
import Foundation
import PostgresStore

/// `rollcall audit export` for a school in a database: its journal rows with their hash chain.
enum DatabaseAuditExport {
    static func run(_ store: any SchoolStore, out: String) throws {
        guard let store = store as? PostgresStore else { return }
        let file = try OutputFile(out, store: nil)
        let exported = try store.exportAuditChain()
        try file.write(exported.text)
        print("\(file.written): \(exported.rows) journal rows")
        if let tip = exported.tip { print("The last row's SHA-256: \(tip)") }
        if let broken = exported.firstBrokenRow {
            throw CleanExit.failure("the hash chain does not verify from journal row \(broken) on")
        }
    }
}
