import ArgumentParser
import Foundation

/// `--out FILE` for the document commands: the format its extension names when `--format` is
/// not given, a refusal when the two disagree, and never a symlink followed or a file written
/// inside the store (where it would sit among the journal and snapshots).
enum OutputFile {
    /// The format named by a file's extension (`.txt` is text), if it names one of `formats`.
    static func format(of path: String, among formats: [String]) -> String? {
        let ext = (path as NSString).pathExtension.lowercased()
        let named = ext == "txt" ? "text" : ext
        return formats.contains(named) ? named : nil
    }

    /// The format to write: `--format` if given (refused if the extension names another),
    /// else the extension's, else `fallback`.
    static func format(given: String?, out: String?, among formats: [String], fallback: String) throws -> String {
        let implied = out.flatMap { format(of: $0, among: formats) }
        guard let given else { return implied ?? fallback }
        if let implied, implied != given, let out {
            throw ValidationError("--format \(given) contradicts --out \(out), which names a \(implied) file: leave out --format, or change the file name")
        }
        return given
    }

    /// Refuses a path that is a symbolic link, or that lies inside the store directory.
    static func check(_ path: String, store: String) throws {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw ValidationError("--out \(path) is a symbolic link; Rollcall does not write through links: name the file itself")
        }
        let storeDir = resolved(store)
        let target = resolved(path)
        if target == storeDir || target.hasPrefix(storeDir + "/") {
            throw ValidationError("--out \(path) is inside the store (\(store)); write documents somewhere else, such as your home folder")
        }
    }

    /// The absolute path with symlinks in its existing folders resolved (the file itself may not exist yet).
    private static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let parent = absolute.deletingLastPathComponent().path
        let real = realpath(parent, nil).map { p -> String in defer { free(p) }; return String(cString: p) } ?? parent
        return (real as NSString).appendingPathComponent(absolute.lastPathComponent)
    }
}
