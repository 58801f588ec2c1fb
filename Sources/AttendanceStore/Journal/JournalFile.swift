import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The append-only journal: transactions since the last snapshot, one line each. Several
/// processes append to it (each under the store's exclusive lock, with one `write` per
/// line on an `O_APPEND` descriptor) and read what the others appended.
final class JournalFile {
    let path: String
    /// Bytes read so far: always the end of a complete line.
    private(set) var offset = 0
    /// Complete lines read so far, for error messages.
    private(set) var lineCount = 0
    /// The file read so far; compaction replaces the file, which changes its inode.
    private(set) var inode: UInt64 = 0
    private var appendFD: Int32 = -1
    /// The last complete line read or appended, newline included (nil: none since the start
    /// or the last rewind): the next line's link in the hash chain is its SHA-256.
    private var lastLine: Data?

    /// The SHA-256 of the last complete line, or nil when the file has none read yet.
    var tip: String? { lastLine.map(SHA256.hex) }

    init(path: String) { self.path = path }

    deinit { if appendFD >= 0 { close(appendFD) } }

    struct ReadResult {
        var records: [(line: Int, record: JournalRecord)] = []
        /// Bytes after the last newline: a line a crash cut short.
        var incompleteTailBytes = 0
    }

    /// The file's identity now, or nil if it does not exist.
    func currentInode() -> UInt64? {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    func currentSize() -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    /// Starts again from the beginning (after compaction replaced the file).
    func rewind() {
        offset = 0
        lineCount = 0
        lastLine = nil
        inode = currentInode() ?? 0
        if appendFD >= 0 { close(appendFD); appendFD = -1 }
    }

    /// Reads the complete lines appended since the last read. A damaged line stops with its
    /// line number and byte offset; an incomplete last line is left for a writer to trim.
    func readNew() throws -> ReadResult {
        var result = ReadResult()
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return result }
            throw StoreError(file: path, "cannot be read (\(SafeFile.errnoText()))")
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        if inode == 0 { inode = UInt64(st.st_ino) }
        let size = Int(st.st_size)
        guard size > offset else { return result }
        var data = Data(count: size - offset)
        let n = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size - offset, off_t(offset)) }
        guard n == size - offset else { throw StoreError(file: path, "cannot be read (\(SafeFile.errnoText()))") }

        var start = data.startIndex
        while let newline = data[start...].firstIndex(of: 0x0A) {
            let line = data[start..<newline]
            lineCount += 1
            if !line.isEmpty {
                do {
                    result.records.append((lineCount, try JournalRecord.parse(Data(line))))
                    lastLine = Data(data[line.startIndex...newline])
                } catch {
                    let at = offset + (start - data.startIndex)
                    let why: String
                    switch error {
                    case .checksum: why = "its checksum does not match: the line was changed or damaged"
                    case .json(let detail): why = "it is not a journal record (\(detail))"
                    }
                    lineCount -= 1
                    throw StoreError(file: path, "line \(lineCount + 1) (byte \(at)) is damaged: \(why). Restore the store from a backup, or run `rollcall check` (nothing was changed)")
                }
            }
            start = newline + 1
        }
        offset += start - data.startIndex
        result.incompleteTailBytes = data.endIndex - start
        return result
    }

    /// Appends one complete line and fsyncs it. Call with the store's exclusive lock held,
    /// after `readNew`, so that `offset` is the end of the last complete line: anything
    /// after it is a torn line from a crash, and is cut off first.
    func append(_ line: Data) throws {
        if appendFD < 0 || currentInode() != inode {
            if appendFD >= 0 { close(appendFD) }
            appendFD = try SafeFile.openCreating(path, O_WRONLY | O_APPEND)
            var st = stat()
            fstat(appendFD, &st)
            inode = UInt64(st.st_ino)
        }
        if let size = currentSize(), size > offset {
            guard ftruncate(appendFD, off_t(offset)) == 0 else { throw StoreError(file: path, "cannot trim an incomplete line (\(SafeFile.errnoText()))") }
        }
        // One write per line (under the store's lock): O_APPEND writes never interleave.
        var written = 0
        var failed = false
        line.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(appendFD, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true; return }
                written += n  // a short write (a nearly full disk): the next one says why
            }
        }
        guard !failed, fsync(appendFD) == 0 else {
            // A full disk: take the part-line back off, so no half-written line is left.
            let why = SafeFile.errnoText()
            _ = ftruncate(appendFD, off_t(offset))
            throw StoreError(file: path, "the change was not saved (\(why))")
        }
        offset += line.count
        lineCount += 1
        lastLine = line
    }
}
