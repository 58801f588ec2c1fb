/// One pupil's mark for one session, with the optional details a late arrival carries.
public struct Mark: Hashable, Sendable, Codable {
    public var code: AttendanceCode
    /// Minutes after the start of registration, for `L` and `U` marks.
    public var minutesLate: Int?
    public var comment: String?

    public init(_ code: AttendanceCode, minutesLate: Int? = nil, comment: String? = nil) {
        self.code = code
        self.minutesLate = minutesLate
        self.comment = comment
    }

    /// The rare parts, or nil when there are none.
    public var detail: MarkDetail? {
        minutesLate == nil && comment == nil ? nil : MarkDetail(minutesLate: minutesLate, comment: comment)
    }
}

/// The rare parts of a mark, kept apart from the one-byte codes.
public struct MarkDetail: Hashable, Sendable, Codable {
    public var minutesLate: Int?
    public var comment: String?

    public init(minutesLate: Int? = nil, comment: String? = nil) {
        self.minutesLate = minutesLate
        self.comment = comment
    }
}
