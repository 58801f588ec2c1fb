/// The rows a statement returned, as text (libpq's text format): a value is nil for SQL NULL.
public struct PGResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// The number of rows an INSERT, UPDATE or DELETE touched ("" when not such a command).
    public var affected: String

    public var count: Int { rows.count }

    /// The value in row `row` of the column named `column`.
    public func value(_ row: Int, _ column: String) -> String? {
        guard let i = columns.firstIndex(of: column) else { return nil }
        return rows[row][i]
    }

    /// The first column of the first row: what `SELECT f(…)` returns.
    public var scalar: String? { rows.first?.first ?? nil }
}

/// A value passed as a parameter ($1, $2 …), in PostgreSQL's text form.
public protocol PGParameter {
    var pgText: String? { get }
}

extension String: PGParameter { public var pgText: String? { self } }
extension Int: PGParameter { public var pgText: String? { String(self) } }
extension Bool: PGParameter { public var pgText: String? { self ? "true" : "false" } }
extension Optional: PGParameter where Wrapped: PGParameter {
    public var pgText: String? { self?.pgText }
}

/// SQL NULL as a parameter.
public struct PGNull: PGParameter {
    public init() {}
    public var pgText: String? { nil }
}

/// Bytes as a parameter of type bytea, in the hex form (`\x0a1b…`).
public struct PGBytes: PGParameter, Equatable, Sendable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var pgText: String? { "\\x" + hex }
    public var hex: String { bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }

    /// A bytea value as the text format returns it (`\x…`); nil if it is not that.
    public init?(pgText text: String) {
        guard text.hasPrefix("\\x"), text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var chars = Array(text.utf8.dropFirst(2))[...]
        while !chars.isEmpty {
            guard let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
            chars = chars.dropFirst(2)
        }
        bytes = out
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
