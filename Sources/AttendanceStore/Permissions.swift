import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Store files hold children's records. A private store is the owner's alone; a shared one
/// is its group's (directories 2770, files 0660), with `sensitive/` the DSL group's (3773,
/// files 0660). `rollcall check` lists anything else, and `--repair-permissions` puts it right.
public enum Permissions {
    /// One file or directory whose group or mode is not what the store's sharing calls for.
    public struct Finding: Equatable, CustomStringConvertible {
        public var path: String
        public var problem: String
        var wantedMode: mode_t
        var wantedGroup: gid_t?
        public var description: String { "\(path): \(problem)" }
    }

    /// A quick look when a store opens (the top level only; `check` looks at every file).
    static func warnings(store: String, sharing: StoreSharing?) -> [String] {
        let top = [store, "\(store)/\(Snapshot.manifestName)", "\(store)/\(Snapshot.journalName)"]
        let readOnly = access(store, W_OK) != 0
        let found = top.compactMap { finding(at: $0, store: store, sharing: sharing, readOnly: readOnly) }
        guard !found.isEmpty else { return [] }
        return ["\(found[0]); run `rollcall check` to see every file, and `rollcall check --repair-permissions` (the head) to put them right"]
    }

    /// Every file and directory under the store this login can see, checked.
    public static func findings(store: String, sharing: StoreSharing?) -> [Finding] {
        var found: [Finding] = []
        let readOnly = access(store, W_OK) != 0
        if let f = finding(at: store, store: store, sharing: sharing, readOnly: readOnly) { found.append(f) }
        walk(store) { path in
            if let f = finding(at: path, store: store, sharing: sharing, readOnly: readOnly) { found.append(f) }
        }
        return found
    }

    /// Sets each finding's group and mode. Returns what could not be changed (a file owned
    /// by another login needs root: `sudo rollcall check --repair-permissions`).
    public static func repair(_ findings: [Finding]) -> [String] {
        var failed: [String] = []
        for f in findings {
            var st = stat()
            let groupIsRight = lstat(f.path, &st) == 0 && f.wantedGroup.map { st.st_gid == $0 } ?? true
            if !groupIsRight, let gid = f.wantedGroup, chown(f.path, uid_t.max, gid) != 0 {
                failed.append("\(f.path): cannot change its group (\(SafeFile.errnoText()))")
                continue
            }
            if chmod(f.path, f.wantedMode) != 0 { failed.append("\(f.path): cannot change its mode (\(SafeFile.errnoText()))") }
        }
        return failed
    }

    /// What one path should be, and how it differs.
    /// `readOnly`: a read-only copy (a backup, a mounted snapshot) lacks write bits on purpose.
    static func finding(at path: String, store: String, sharing: StoreSharing?, readOnly: Bool) -> Finding? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let isDirectory = st.st_mode & S_IFMT == S_IFDIR
        let mode = st.st_mode & 0o7777
        guard let sharing else {
            // A private store: nothing readable by other users.
            guard mode & 0o077 != 0 else { return nil }
            let wanted: mode_t = isDirectory ? 0o700 : 0o600
            let who = mode & 0o007 != 0 ? "other users" : "its group"
            return Finding(path: path, problem: "can be read by \(who) of this computer (mode \(octal(mode))), but this store is private to its owner (\(octal(wanted)))",
                           wantedMode: wanted, wantedGroup: nil)
        }
        let inSensitive = isSensitive(path, store: store)
        let groupName = inSensitive ? sharing.sensitiveGroup : sharing.group
        let gid = GroupName.id(groupName)
        let wanted: mode_t
        if isDirectory {
            wanted = inSensitive && sharing.dslGroup != nil && (path as NSString).lastPathComponent == Snapshot.sensitiveDirectory
                ? SharedDirectories.sensitiveDirectoryMode : 0o2770
        } else {
            wanted = 0o660
        }
        var problems: [String] = []
        if let gid, st.st_gid != gid { problems.append("group \(GroupName.of(st.st_gid)), not \(groupName)") }
        if (readOnly ? mode | (wanted & 0o222) : mode) != wanted { problems.append("mode \(octal(mode)), not \(octal(wanted))") }
        guard !problems.isEmpty else { return nil }
        return Finding(path: path, problem: problems.joined(separator: "; "), wantedMode: wanted, wantedGroup: gid)
    }

    /// `sensitive/` itself, or anything in it (the store's or a backup's).
    static func isSensitive(_ path: String, store: String) -> Bool {
        let relative = path.hasPrefix(store + "/") ? String(path.dropFirst(store.count + 1)) : path
        return relative.split(separator: "/").contains(Substring(Snapshot.sensitiveDirectory))
    }

    /// Every entry under `dir` this login can list (directories it cannot read are skipped).
    static func walk(_ dir: String, _ visit: (String) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names.sorted() {
            let path = "\(dir)/\(name)"
            visit(path)
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { walk(path, visit) }
        }
    }

    /// Whether a path is one of the store's own (its layout in `store-format.md`), rather
    /// than a file someone else left in its directory.
    static func isStoreFile(_ path: String, store: String) -> Bool {
        guard path != store else { return true }
        guard path.hasPrefix(store + "/") else { return false }
        let first = path.dropFirst(store.count + 1).split(separator: "/").first.map(String.init) ?? ""
        let own = [Snapshot.manifestName, Snapshot.journalName, "lock", Snapshot.snapshotsDirectory, Snapshot.auditDirectory,
                   Snapshot.backupsDirectory, Snapshot.sensitiveDirectory, Backup.markerName]
        // A temporary file of a replace in progress (`rollcall.json.tmp-PID`).
        return own.contains(first) || own.contains { first.hasPrefix($0 + ".tmp-") }
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode, radix: 8) }
}
