import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File writes that survive a crash: data is fsync'd before it is reported written, and
/// whole files are replaced atomically (temp file, fsync, rename, fsync the directory).
/// Every file and directory it creates gets its mode and group from `FileAccess`: private
/// to the owner, or shared with the store's group, never from the caller's umask.
enum SafeFile {
    /// Opens (creating if need be) a file the store writes, with the mode and group its
    /// directory calls for. A file that already existed keeps its own (see `rollcall check`).
    static func openCreating(_ path: String, _ flags: Int32) throws -> Int32 {
        let access = FileAccess.forNew(path)
        let fd = open(path, flags | O_CREAT | O_EXCL | O_CLOEXEC, access.fileMode)
        if fd >= 0 {
            do { try access.apply(fd: fd, path: path) } catch { close(fd); unlink(path); throw error }
            return fd
        }
        guard errno == EEXIST, flags & O_EXCL == 0 else { throw StoreError(file: path, "cannot create (\(errnoText()))") }
        let existing = open(path, flags | O_CLOEXEC)
        guard existing >= 0 else { throw StoreError(file: path, "cannot be opened for writing (\(errnoText()))") }
        return existing
    }

    static func replace(_ path: String, with data: Data) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = "\(path).tmp-\(getpid())"
        unlink(temp)  // left by a process with this pid that was killed mid-write
        let fd = try openCreating(temp, O_WRONLY | O_EXCL)
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
    /// A file that cannot be written whole (a full disk) is removed: never left empty or half written.
    static func writeNew(_ path: String, _ data: Data) throws {
        let fd = try openCreating(path, O_WRONLY | O_EXCL)
        defer { close(fd) }
        do {
            try writeAll(fd, data, path: path)
            guard fsync(fd) == 0 else { throw StoreError(file: path, "fsync failed (\(errnoText()))") }
        } catch {
            unlink(path)
            throw error
        }
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
        let access = FileAccess.forNew(path)
        guard mkdir(path, 0o700) == 0 else {
            guard errno == EEXIST else { throw StoreError(file: path, "cannot create directory (\(errnoText()))") }
            return
        }
        try access.applyToDirectory(path)
    }

    /// Creates a directory and any missing parents (each as `FileAccess` says for its parent).
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
            if access(path, R_OK) != 0, errno == EACCES { throw accessDenied(path) }
            throw StoreError(file: path, exists(path) ? "cannot be read (check its permissions)" : "is missing")
        }
        return data
    }

    /// A whole file straight into a byte array (no Data in between).
    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == EACCES { throw accessDenied(path) }
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

    /// Permission denied, said so that the person knows whom to ask for what: the group the
    /// store (or this file) belongs to, or that the store is private to one login.
    static func accessDenied(_ path: String) -> StoreError {
        var p = path
        var st = stat()
        // The nearest of the path and its parents that this login can see: a directory it
        // cannot enter hides what is inside it.
        while stat(p, &st) != 0 {
            let parent = (p as NSString).deletingLastPathComponent
            if parent == p || parent.isEmpty { break }
            p = parent
        }
        let me = getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "your login"
        if st.st_mode & 0o070 == 0 {
            let owner = getpwuid(st.st_uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "\(st.st_uid)"
            return StoreError(file: path, "permission denied: this store is private to the login \(owner). Several staff share a school through a database: its head moves it there with `rollcall store move --from DIR --to URL` (see the head's guide)")
        }
        let group = GroupName.of(st.st_gid)
        return StoreError(file: path, "permission denied: it belongs to the group \(group), and \(me) is not in it. Ask the head to add you (`sudo usermod -aG \(group) \(me)`), then log out and in again")
    }

    /// The last error in words; a full disk says so plainly.
    static func errnoText() -> String {
        if errno == ENOSPC || errno == EDQUOT { return "disk full: \(String(cString: strerror(errno)))" }
        return String(cString: strerror(errno))
    }
}
