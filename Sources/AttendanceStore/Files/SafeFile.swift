import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File writes that survive a crash: data is fsync'd before it is reported written, and
/// whole files are replaced atomically (temp file, fsync, rename, fsync the directory).
enum SafeFile {
    /// Store files hold children's records: owner read/write only.
    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700

    static func replace(_ path: String, with data: Data) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw StoreError(file: temp, "cannot create (\(errnoText()))") }
        do {
            try writeAll(fd, data, path: temp)
            guard fsync(fd) == 0 else { throw StoreError(file: temp, "fsync failed (\(errnoText()))") }
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let e = errnoText()
            unlink(temp)
            throw StoreError(file: path, "cannot replace (\(e))")
        }
        try syncDirectory(dir)
    }

    /// Writes a new file and fsyncs it (the caller fsyncs the directory once for many files).
    static func writeNew(_ path: String, _ data: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw StoreError(file: path, "cannot create (\(errnoText()))") }
        defer { close(fd) }
        try writeAll(fd, data, path: path)
        guard fsync(fd) == 0 else { throw StoreError(file: path, "fsync failed (\(errnoText()))") }
    }

    static func syncDirectory(_ dir: String) throws {
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw StoreError(file: dir, "cannot open directory (\(errnoText()))") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw StoreError(file: dir, "fsync failed (\(errnoText()))") }
    }

    static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError(file: path, "write failed (\(errnoText()))")
                }
                offset += n
            }
        }
    }

    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, directoryMode) == 0 || errno == EEXIST else {
            throw StoreError(file: path, "cannot create directory (\(errnoText()))")
        }
    }

    /// Creates a directory and any missing parents, each private to the owner.
    static func makeDirectories(_ path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !exists(parent) { try makeDirectories(parent) }
        try makeDirectory(path)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(file: path, exists(path) ? "cannot be read (check its permissions)" : "is missing")
        }
        return data
    }

    /// A whole file straight into a byte array (no Data in between).
    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError(file: path, errno == ENOENT ? "is missing" : "cannot be read (\(errnoText()))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError(file: path, "cannot be read (\(errnoText()))") }
        let size = Int(st.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buf.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true; break }
                done += n
            }
            count = done
        }
        if failed { throw StoreError(file: path, "cannot be read (\(errnoText()))") }
        return bytes
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
