import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Enough of a file's `stat` to tell that it was replaced or rewritten.
struct FileIdentity: Equatable {
    var inode: UInt64
    var size: Int
    var modified: timespec

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        modified = st.st_mtim
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
