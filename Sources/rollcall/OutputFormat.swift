import ArgumentParser
import Foundation

/// `--out FILE` for the document commands: the format its extension names when `--format` is
/// not given, and a refusal when the two disagree. (Where the file may be written, and how,
/// is `OutputFile`'s: never inside the store, never through a link.)
enum OutputFormat {
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
}
