import Foundation

/// The files Rollcall ships in `Data/`: policy presets and letter templates, bundled with the
/// program so a plain clone (or an installed binary with its resource bundle) has them.
public enum RollcallData {
    /// Policy presets by id (file name without `.json`), as raw JSON.
    public static func policyPresets() -> [String: (file: String, data: Data)] {
        files(in: "policies", ext: "json").mapValues { ($0.path, $0.data) }
    }

    /// Letter templates by id (file name without `.mustache`).
    public static func letterTemplates() -> [String: String] {
        files(in: "letters", ext: "mustache").compactMapValues { String(data: $0.data, encoding: .utf8) }
    }

    /// The DfE's national figures (`Data/national/*.json`) by name, as raw JSON.
    public static func national() -> [String: Data] {
        files(in: "national", ext: "json").mapValues(\.data)
    }

    private static func files(in folder: String, ext: String) -> [String: (path: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: folder, withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [:] }
        var out: [String: (String, Data)] = [:]
        for name in names where name.hasSuffix(".\(ext)") {
            let url = dir.appendingPathComponent(name)
            if let data = try? Data(contentsOf: url) { out[String(name.dropLast(ext.count + 1))] = ("Data/\(folder)/\(name)", data) }
        }
        return out
    }
}
