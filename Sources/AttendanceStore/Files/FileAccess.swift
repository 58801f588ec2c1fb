import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may read a new file or directory, decided by the directory it is made in, so that
/// every writer (a commit, a compaction, a backup, a migration) keeps a shared store shared
/// whoever runs it and whatever their umask:
/// - in a setgid directory (a shared store): files 0660 and directories 2770, in that
///   directory's group;
/// - otherwise (a store private to one login): files 0600 and directories 0700.
/// The mode and group are set explicitly with `fchmod`/`fchown` after creation.
struct FileAccess: Equatable {
    var fileMode: mode_t
    var directoryMode: mode_t
    /// The group new entries must belong to; nil for a private store.
    var group: gid_t?

    static let privateToOwner = FileAccess(fileMode: 0o600, directoryMode: 0o700, group: nil)

    static func shared(group: gid_t) -> FileAccess {
        FileAccess(fileMode: 0o660, directoryMode: 0o2770, group: group)
    }

    /// What a new entry in `directory` gets.
    static func inDirectory(_ directory: String) -> FileAccess {
        var st = stat()
        guard stat(directory.isEmpty ? "." : directory, &st) == 0, st.st_mode & S_ISGID != 0 else { return .privateToOwner }
        return .shared(group: st.st_gid)
    }

    /// What a new entry at `path` gets (from its parent directory).
    static func forNew(_ path: String) -> FileAccess {
        inDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Sets the mode and group of a file just created on `fd`.
    func apply(fd: Int32, path: String) throws {
        if let group {
            var st = stat()
            if fstat(fd, &st) == 0, st.st_gid != group, fchown(fd, uid_t.max, group) != 0 {
                throw StoreError(file: path, "cannot be given the store's group \(GroupName.of(group)) (\(SafeFile.errnoText())); are you in that group?")
            }
        }
        guard fchmod(fd, fileMode) == 0 else { throw StoreError(file: path, "cannot set its permissions (\(SafeFile.errnoText()))") }
    }

    /// Sets the mode and group of a directory just created.
    func applyToDirectory(_ path: String) throws {
        if let group {
            var st = stat()
            if stat(path, &st) == 0, st.st_gid != group, chown(path, uid_t.max, group) != 0 {
                throw StoreError(file: path, "cannot be given the store's group \(GroupName.of(group)) (\(SafeFile.errnoText())); are you in that group?")
            }
        }
        guard chmod(path, directoryMode) == 0 else { throw StoreError(file: path, "cannot set its permissions (\(SafeFile.errnoText()))") }
    }
}

/// Group names and ids, for messages and for `init --group`.
enum GroupName {
    static func of(_ gid: gid_t) -> String {
        guard let g = getgrgid(gid), let name = g.pointee.gr_name else { return "\(gid)" }
        return String(cString: name)
    }

    static func id(_ name: String) -> gid_t? {
        guard let g = getgrnam(name) else { return nil }
        return g.pointee.gr_gid
    }

    /// Every login the group database lists as a member of `group` (supplementary members,
    /// and logins whose primary group it is).
    static func isMember(login: String, of group: String) -> Bool {
        guard let g = getgrnam(group) else { return false }
        let gid = g.pointee.gr_gid
        if var member = g.pointee.gr_mem {
            while let name = member.pointee {
                if String(cString: name) == login { return true }
                member += 1
            }
        }
        if let pw = getpwnam(login), pw.pointee.pw_gid == gid { return true }
        return false
    }
}
