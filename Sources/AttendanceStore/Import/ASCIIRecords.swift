/// A byte-level reader of CSV records, for the one-mark-per-row marks file only (a year of a
/// school's marks is 600,000 rows; SwiftCSV, which reads Character by Character, took 1.7 s
/// of the 1.6 s the whole import may take: see docs/decisions.md). It reads exactly as
/// SwiftCSV's state machine does, byte for byte, but only text that is all ASCII: anything
/// else (a byte ≥ 0x80, a vertical tab or form feed, a quote out of place) makes it give up,
/// and the caller reads the file with SwiftCSV instead, which reports bad quotes by line.
enum ASCIIRecords {
    /// Calls `record` with each record's fields and the line it starts on (the header is the
    /// first record) until it returns false. Returns false, having stopped, where SwiftCSV must
    /// read the text instead (or `record` stopped it).
    static func read(_ text: String, delimiter: UInt8, record: ([String], Int) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            // A UTF-8 byte-order mark is not part of the header's first name.
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return records(UnsafeBufferPointer(rebasing: bytes[start...]), delimiter: delimiter, record: record)
        }
    }

    private static let quote = UInt8(ascii: "\"")

    private static func records(_ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8, record: ([String], Int) -> Bool) -> Bool {
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        // SwiftCSV's states: at the start of a field, in an unquoted one, in a quoted one, and
        // just after a quote inside either.
        var atStart = true, parsingField = false, parsingQuotes = false, innerQuotes = false
        var line = 1, recordLine = 1
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        var stopped = false
        func finishRow() {
            finishField()
            if !record(fields, recordLine) { stopped = true }
            fields.removeAll(keepingCapacity: true)
            atStart = true; parsingField = false; parsingQuotes = false; innerQuotes = false
        }
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            // Non-ASCII text may hold Unicode white space, line separators or combining marks,
            // which SwiftCSV's Characters treat differently from bytes; so may VT and FF.
            if b >= 0x80 || b == 0x0B || b == 0x0C { return false }
            // CR LF is one Character, and one line.
            let width = b == 0x0D && i + 1 < n && p[i + 1] == 0x0A ? 2 : 1
            let isNewline = b == 0x0A || b == 0x0D
            let isWhitespace = isNewline || b == 0x20 || b == 0x09
            if isNewline { line += 1 }
            if atStart {
                if b == quote {
                    atStart = false; parsingQuotes = true
                } else if b == delimiter {
                    finishField()
                } else if isNewline {
                    finishRow()
                    recordLine = line
                } else if !isWhitespace {
                    parsingField = true; atStart = false
                    field.append(b)
                }
            } else if parsingField {
                if innerQuotes {
                    guard b == quote else { return false }
                    field.append(b)
                    innerQuotes = false
                } else if b == quote {
                    innerQuotes = true
                } else if b == delimiter {
                    atStart = true; parsingField = false
                    finishField()
                } else if isNewline {
                    finishRow()
                    recordLine = line
                } else {
                    field.append(b)
                }
            } else if parsingQuotes {
                if innerQuotes {
                    if b == quote {
                        field.append(b)
                        innerQuotes = false
                    } else if b == delimiter {
                        atStart = true; parsingQuotes = false; innerQuotes = false
                        finishField()
                    } else if isNewline {
                        finishRow()
                        recordLine = line
                    } else if !isWhitespace {
                        return false
                    }
                } else if b == quote {
                    innerQuotes = true
                } else {
                    field.append(b)
                    if width == 2 { field.append(0x0A) }
                }
            }
            if stopped { return false }
            i += width
        }
        // As SwiftCSV ends: the last field only if it has something in it.
        if !field.isEmpty { finishField() }
        return fields.isEmpty || record(fields, recordLine)
    }
}
