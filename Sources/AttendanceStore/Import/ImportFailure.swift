/// A rejected import: every bad row, each as `line N: reason`. Nothing from the file is stored.
public struct ImportFailure: Error, CustomStringConvertible, Equatable {
    public struct Problem: Hashable, Sendable {
        public var line: Int
        public var reason: String
    }

    public var file: String
    public var problems: [Problem]

    public var description: String {
        let header = "\(file): nothing imported; \(problems.count) problem\(problems.count == 1 ? "" : "s"):"
        return ([header] + problems.map { "line \($0.line): \($0.reason)" }).joined(separator: "\n")
    }
}
