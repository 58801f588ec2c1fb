import Attendance
import Foundation
import RollcallData

/// A policy file that cannot be used, with every problem as `file: field: message`.
public struct PolicyFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var problems: [String]
    public var description: String {
        "\(file): this policy cannot be used:\n" + problems.map { "  \(file): \($0)" }.joined(separator: "\n")
    }
}

/// Reads and checks policy files: the presets in `Data/policies` and a school's own.
public enum PolicyFile {
    public static let defaultPresetID = "bridgewater-park"

    public static func load(_ data: Data, file: String) throws -> Policy {
        let policy: Policy
        do {
            policy = try JSONDecoder().decode(Policy.self, from: data)
        } catch let e as DecodingError {
            throw PolicyFileError(file: file, problems: [JSONFile.describe(e).replacingOccurrences(of: " at .", with: " at ")])
        }
        let problems = policy.problems(templates: LetterTemplateIDs.known)
        if !problems.isEmpty { throw PolicyFileError(file: file, problems: problems.map(\.description)) }
        return policy
    }

    public static func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else { throw PolicyFileError(file: path, problems: ["cannot be read"]) }
        return try load(data, file: path)
    }

    /// Every preset, checked. A preset that fails its checks is a bug in Rollcall, reported as such.
    public static func presets() throws -> [Policy] {
        try RollcallData.policyPresets().sorted { $0.key < $1.key }.map { try load($0.value.data, file: $0.value.file) }
    }

    public static func preset(_ id: String) throws -> Policy {
        guard let p = RollcallData.policyPresets()[id] else {
            throw PolicyFileError(file: "Data/policies/\(id).json", problems: ["no such preset (there are: \(RollcallData.policyPresets().keys.sorted().joined(separator: ", ")))"])
        }
        return try load(p.data, file: p.file)
    }

    public static func encode(_ policy: Policy) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(policy), as: UTF8.self)
    }
}
