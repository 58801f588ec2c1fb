import Attendance

extension TransactionJSON {
    /// A transaction of a few marks (what staff record, one register cell at a time) written
    /// straight to the text JSONEncoder writes for it (sorted keys, slashes unescaped): for
    /// one mark the encoder's machinery cost more than checking the change. Nil for anything
    /// else (another kind of change, enough marks to be batched, a string that is not plain
    /// ASCII), which `encodeWithEncoder` writes. `TransactionJSONTests` holds the two equal.
    static func encodeMarks(_ t: Transaction, schoolTime: String?) -> String? {
        guard t.changes.count <= MarkBatch.threshold else { return nil }
        var out = #"{"changes":["#
        for (i, change) in t.changes.enumerated() {
            guard case .mark(let m) = change, let upn = plain(m.upn), let session = plain(m.session.storageKey) else { return nil }
            out += i == 0 ? #"{"kind":"mark""# : #",{"kind":"mark""#
            if let mark = m.mark {
                guard let text = markRecord(mark) else { return nil }
                out += #","mark":"# + text
            }
            if let previous = m.previous {
                guard let text = markRecord(previous) else { return nil }
                out += #","previous":"# + text
            }
            out += #","session":"# + session + #","upn":"# + upn + "}"
        }
        out += "]"
        for (key, value) in [("origin", JournalRecord.origin(t.origin)), ("reason", t.reason), ("schoolTime", schoolTime)] {
            guard let value else { continue }
            guard let text = plain(value) else { return nil }
            out += ",\"\(key)\":" + text
        }
        return out + "}"
    }

    /// A mark as `MarkRecord` encodes it: code, then comment and minutesLate when present.
    private static func markRecord(_ m: Mark) -> String? {
        guard let code = plain(m.code.symbol) else { return nil }
        var out = #"{"code":"# + code
        if let comment = m.comment {
            guard let text = plain(comment) else { return nil }
            out += #","comment":"# + text
        }
        if let minutes = m.minutesLate { out += #","minutesLate":"# + String(minutes) }
        return out + "}"
    }

    /// `s` as a JSON string, when it is printable ASCII (only `"` and `\` are escaped then,
    /// as JSONEncoder does); nil for anything else.
    private static func plain(_ s: String) -> String? {
        var out = "\""
        for byte in s.utf8 {
            guard byte >= 0x20, byte < 0x7F else { return nil }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out += "\\" }
            out.unicodeScalars.append(Unicode.Scalar(byte))
        }
        return out + "\""
    }
}
