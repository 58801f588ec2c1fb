import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Store files hold children's records: a store readable by other users is worth a warning.
enum Permissions {
    static func warnings(store: String) -> [String] {
        var st = stat()
        guard stat(store, &st) == 0 else { return [] }
        if st.st_mode & 0o007 != 0 {
            return ["\(store) can be read by other users of this computer; run `chmod -R o-rwx \(store)`"]
        }
        for name in [Snapshot.manifestName, Snapshot.journalName] {
            var fs = stat()
            if stat("\(store)/\(name)", &fs) == 0, fs.st_mode & 0o007 != 0 {
                return ["\(store)/\(name) can be read by other users of this computer; run `chmod -R o-rwx \(store)`"]
            }
        }
        return []
    }
}
