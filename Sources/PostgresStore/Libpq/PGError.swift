/// What went wrong talking to PostgreSQL: the server's own message, and its SQLSTATE when
/// the server sent one (nil for a connection that failed before any server said anything).
public struct PGError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// Five characters, e.g. "42501" (insufficient privilege), "23505" (unique violation),
    /// or one of the schema's own codes (`RollcallSQLState`).
    public var sqlState: String?
    public var detail: String?
    public var hint: String?

    public init(message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil) {
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "; \(detail)" }
        if let hint, !hint.isEmpty { text += "; \(hint)" }
        return text
    }

    /// 42501: the role lacks a privilege (or row-level security refused a row it wrote).
    public var isPermissionDenied: Bool { sqlState == "42501" }
}
