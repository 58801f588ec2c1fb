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

    /// False when the store cannot be written (a backup copy, a read-only mount): the
    /// lock file is opened read-only, or not at all when it cannot be, and readers then go
    /// without (nothing can be writing to a store that cannot be written).
    let isWritable: Bool

    init(directory: String) throws {
        path = "\(directory)/lock"
        if access(directory, W_OK) == 0, let fd = try? SafeFile.openCreating(path, O_RDWR) {
            self.fd = fd
            isWritable = true
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            isWritable = false
        }
    }

    deinit { if fd >= 0 { close(fd) } }

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
        guard fd >= 0 else { return }
        while rollcall_flock(fd, op) != 0 {
            if errno == EINTR { continue }
            throw StoreError(file: path, "cannot lock the store (\(SafeFile.errnoText()))")
        }
    }
}
