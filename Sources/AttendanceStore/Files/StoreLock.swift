import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock` on the store's `lock` file: exclusive around every write and
/// compaction, shared while a process loads a snapshot (so compaction cannot delete the
/// generation it is reading). flock, not fcntl: on Linux the two do not see each other.
final class StoreLock {
    private let fd: Int32
    let path: String

    init(directory: String) throws {
        path = "\(directory)/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, SafeFile.fileMode)
        guard fd >= 0 else { throw StoreError(file: path, "cannot open the lock file (\(SafeFile.errnoText()))") }
    }

    deinit { close(fd) }

    func withExclusive<T>(_ body: () throws -> T) throws -> T {
        try lock(LOCK_EX)
        defer { _ = rollcall_flock(fd, LOCK_UN) }
        return try body()
    }

    func withShared<T>(_ body: () throws -> T) throws -> T {
        try lock(LOCK_SH)
        defer { _ = rollcall_flock(fd, LOCK_UN) }
        return try body()
    }

    private func lock(_ op: Int32) throws {
        while rollcall_flock(fd, op) != 0 {
            if errno == EINTR { continue }
            throw StoreError(file: path, "cannot lock the store (\(SafeFile.errnoText()))")
        }
    }
}
