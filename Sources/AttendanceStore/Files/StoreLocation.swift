import Foundation

/// Where the store lives: `--store`, else `ROLLCALL_STORE`, else the user's data directory.
public enum StoreLocation {
    public static let environmentVariable = "ROLLCALL_STORE"
    /// The file whose presence makes a directory a store.
    public static let manifestFileName = Snapshot.manifestName

    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return absolute(option) }
        if let env = environment[environmentVariable], !env.isEmpty { return absolute(env) }
        return defaultDirectory(environment: environment)
    }

    /// `$XDG_DATA_HOME/rollcall`, or `~/.local/share/rollcall`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return "\(xdg)/rollcall" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/share/rollcall"
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }
}

extension StoreLocation {
    /// Why `path` cannot be a store because it is something other than a directory (a file,
    /// say), or nil: a store is a folder, and a file is not a permissions problem.
    public static func notADirectory(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return "is a file, not a Rollcall store (a store is a folder): give --store the store's folder, or ROLLCALL_STORE"
    }
}
