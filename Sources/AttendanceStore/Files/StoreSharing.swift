import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The OS groups of a store that several staff logins share (made by `rollcall init --group` before issue 20):
/// `group` owns the whole tree; `dslGroup`, if given, alone can read the words of
/// safeguarding-sensitive entries. The operating system enforces both, not the program.
public struct StoreSharing: Codable, Equatable, Sendable {
    public var group: String
    public var dslGroup: String?

    public init(group: String, dslGroup: String? = nil) {
        self.group = group
        self.dslGroup = dslGroup
    }

    /// The group that may read sensitive words: the DSL group, else the store's group.
    var sensitiveGroup: String { dslGroup ?? group }
}

/// Setting up and checking the directories of a shared store.
enum SharedDirectories {
    /// The store directory's mode and group, before anything is written in it: every file
    /// and directory made inside then inherits them (see `FileAccess`).
    static func prepare(store path: String, sharing: StoreSharing?) throws {
        try SafeFile.makeDirectories(path)
        guard let sharing else { return }
        guard let gid = GroupName.id(sharing.group) else {
            throw StoreError(file: path, "the group \(sharing.group) does not exist on this computer; create it first (`sudo groupadd \(sharing.group)`) and add the staff logins to it (`sudo usermod -aG \(sharing.group) LOGIN`)")
        }
        if let dsl = sharing.dslGroup, GroupName.id(dsl) == nil {
            throw StoreError(file: path, "the group \(dsl) does not exist on this computer; create it first (`sudo groupadd \(dsl)`) and add the DSL and head logins to it")
        }
        try FileAccess.shared(group: gid).applyToDirectory(path)
    }

    /// The directory for sensitive words: in a shared store with a DSL group, 3773 in that
    /// group, so any member of staff can add a file (write and search, not list), only the
    /// group can list and read them, and the sticky bit stops anyone deleting another's.
    /// Otherwise it inherits from the store like any other directory.
    static func makeSensitiveDirectory(_ dir: String, sharing: StoreSharing?) throws {
        guard !SafeFile.exists(dir) else { return }
        try SafeFile.makeDirectory(dir)
        guard let dsl = sharing?.dslGroup, let gid = GroupName.id(dsl) else { return }
        guard chown(dir, uid_t.max, gid) == 0 else {
            throw StoreError(file: dir, "cannot be given the DSL group \(dsl) (\(SafeFile.errnoText())); the person setting up the store must be in that group")
        }
        guard chmod(dir, sensitiveDirectoryMode) == 0 else { throw StoreError(file: dir, "cannot set its permissions (\(SafeFile.errnoText()))") }
    }

    static let sensitiveDirectoryMode: mode_t = 0o3773
}
