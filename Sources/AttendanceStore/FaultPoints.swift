#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Places in a write where the crash tests stop the store, as SQLite's crash tests do: in a
/// DEBUG build, `ROLLCALL_CRASH_AT=after-archive-append` (say) makes the process `_exit(99)`
/// there, and tests in the same process can make the store throw there with `Store.faultHook`.
/// Release builds ignore the variable.
enum FaultPoint: String, CaseIterable, Sendable {
    /// The words of sensitive entries are in `sensitive/`; the journal line is not written.
    case beforeJournalAppend = "before-journal-append"
    /// The journal line is written and fsync'd; the change is not yet applied in memory.
    case afterJournalAppend = "after-journal-append"
    /// Compaction: the journal lines are in `audit/`; no new snapshot yet.
    case afterArchiveAppend = "after-archive-append"
    /// Compaction: the new snapshot generation is complete; the manifest still names the old.
    case beforeManifestSwitch = "before-manifest-switch"
    /// Compaction: the manifest names the new snapshot; the journal is not yet emptied.
    case beforeJournalEmpty = "before-journal-empty"
    /// The daily backup: some of the store's files are copied, not all.
    case duringBackupCopy = "during-backup-copy"

    #if DEBUG
    static let crashAt: FaultPoint? = ProcessInfo.processInfo.environment["ROLLCALL_CRASH_AT"].flatMap(FaultPoint.init(rawValue:))
    #endif
}

/// A failure a test asked for at a fault point.
struct InjectedFault: Error, CustomStringConvertible {
    var point: FaultPoint
    var description: String { "injected failure at \(point.rawValue)" }
}

extension Store {
    /// Crashes here if the environment asks to (DEBUG builds), or runs the test hook.
    func reach(_ point: FaultPoint) throws {
        #if DEBUG
        if FaultPoint.crashAt == point { _exit(99) }
        #endif
        try faultHook?(point)
    }
}
