import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file a person asked for (`--out`, a report saved by the app): never inside the store
/// (one report once replaced the journal), never written through a symbolic link, and never
/// left half written. It is made in a private folder beside it, then renamed over the name
/// asked for: rename replaces a name and never follows what it points to.
public struct OutputFile {
    public let path: String
    /// A file of that name was there and is replaced.
    public let replaces: Bool

    /// Checks that `path` may be written for a store at `store` (nil: a store in a database,
    /// with no directory to keep out of); nothing is written yet.
    public init(_ path: String, store: String?) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != ".." else { throw StoreError(file: path, "is not a file name") }
        guard let realFolder = OutputFile.realPath(folder.isEmpty ? "." : folder) else {
            throw StoreError(file: path, "cannot be written: the folder \(folder.isEmpty ? "." : folder) does not exist")
        }
        let target = realFolder == "/" ? "/\(name)" : "\(realFolder)/\(name)"
        if let store, let realStore = Optional(OutputFile.realPath(store) ?? (store as NSString).standardizingPath),
           target == realStore || target.hasPrefix(realStore + "/") || realFolder == realStore {
            throw StoreError(file: path, "is inside the store (\(store)); Rollcall never writes a document there. Choose a file outside it")
        }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFLNK: throw StoreError(file: path, "is a symbolic link; Rollcall does not write through links. Remove it or choose another name")
            case S_IFREG: replaces = true
            default: throw StoreError(file: path, "is there and is not an ordinary file; choose another name")
            }
        } else {
            replaces = false
        }
    }

    /// What to tell the person once it is written.
    public var written: String { replaces ? "Replaced \(path) (a file of that name was there)" : "Wrote \(path)" }

    public func write(_ data: Data) throws {
        try write { temp in
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw StoreError(file: path, "cannot be written (\(SafeFile.errnoText()))") }
            defer { close(fd) }
            try SafeFile.writeAll(fd, data, path: path)
        }
    }

    public func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// `produce` writes the file at the path it is given (Cairo opens a name itself): a new
    /// name in a folder only this login can enter, so nobody can plant a link there.
    public func write(with produce: (String) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array("\(folder.isEmpty ? "." : folder)/.rollcall-out-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError(file: path, "cannot be written (\(SafeFile.errnoText()))") }
        let privateFolder = String(cString: made)
        defer { rmdir(privateFolder) }
        let temp = "\(privateFolder)/\((path as NSString).lastPathComponent)"
        do {
            try produce(temp)
            guard rename(temp, path) == 0 else { throw StoreError(file: path, "cannot be written (\(SafeFile.errnoText()))") }
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Refuses a folder for documents (`letters --out DIR`) inside the store, whether or not
    /// it exists yet: its nearest existing folder is resolved, links and all.
    public static func refuseFolderInside(_ folder: String, store: String?) throws {
        guard let store else { return }
        var existing = folder.isEmpty ? "." : folder
        var rest: [String] = []
        while realPath(existing) == nil, existing != "/", existing != "." {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            let parent = (existing as NSString).deletingLastPathComponent
            existing = parent.isEmpty ? "." : parent
        }
        let resolved = ([realPath(existing) ?? existing] + rest).joined(separator: "/")
        let realStore = realPath(store) ?? (store as NSString).standardizingPath
        if resolved == realStore || resolved.hasPrefix(realStore + "/") {
            throw StoreError(file: folder, "is inside the store (\(store)); Rollcall never writes a document there. Choose a folder outside it")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
