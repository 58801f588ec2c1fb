import Attendance

/// A small pull reader over UTF-8 JSON, for the store's two large documents (pupils and
/// marks): Foundation's decoder takes ~4× orjson's time on them, this about 1–2×.
/// It reads standard JSON; anything malformed throws with its byte offset.
final class JSONReader {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    /// `bytes` must outlive the reader (use `withReader`).
    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func read<T>(_ data: [UInt8], _ body: (JSONReader) throws -> T) throws -> T {
        try data.withUnsafeBufferPointer { buf in
            let r = JSONReader(buf)
            let value = try body(r)
            r.skipSpace()
            guard r.offset == buf.count else { throw r.fail("unexpected text after the document") }
            return value
        }
    }

    func fail(_ reason: String) -> Malformed { Malformed(offset: offset, reason: reason) }

    private func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func peek() throws -> UInt8 {
        skipSpace()
        guard offset < bytes.count else { throw fail("unexpected end of file") }
        return bytes[offset]
    }

    private func expect(_ c: UInt8) throws {
        guard try peek() == c else { throw fail("expected \"\(Character(Unicode.Scalar(c)))\"") }
        offset += 1
    }

    /// Reads an object whose keys are field names, matched as bytes: no String is made
    /// for each key (`case "upn":` works through `~=`). `body` must read the value.
    func fields(_ body: (JSONKey) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            try expect(UInt8(ascii: "\""))
            let start = offset
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") { offset += 1 }
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("field names must be plain text") }
            let key = JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
            offset += 1
            try expect(UInt8(ascii: ":"))
            try body(key)
            let c = try peek()
            offset += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { offset -= 1; throw fail("expected \",\" or \"}\"") }
        }
    }

    /// Reads an object, calling `body` with each key; `body` must read the value.
    func object(_ body: (String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(key)
            let c = try peek()
            offset += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { offset -= 1; throw fail("expected \",\" or \"}\"") }
        }
    }

    func array(_ body: () throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") { offset += 1; return }
        while true {
            try body()
            let c = try peek()
            offset += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else { offset -= 1; throw fail("expected \",\" or \"]\"") }
        }
    }

    /// True (and consumed) if the next value is `null`.
    func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    func bool() throws -> Bool {
        if try peek() == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    private func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard offset + n <= bytes.count else { throw fail("unexpected end of file") }
        for k in 0..<n where bytes[offset + k] != word.utf8Start[k] { throw fail("expected \(word)") }
        offset += n
    }

    func int() throws -> Int {
        _ = try peek()
        var negative = false
        if bytes[offset] == UInt8(ascii: "-") { negative = true; offset += 1 }
        var value = 0, digits = 0
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 {
            value = value &* 10 &+ Int(bytes[offset] - 0x30)
            offset += 1
            digits += 1
        }
        guard digits > 0, digits < 19 else { throw fail("expected a whole number") }
        if offset < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[offset]) {
            throw fail("expected a whole number")
        }
        return negative ? -value : value
    }

    /// The raw bytes of a string with no escapes (mark strings): no String is made.
    func plainStringBytes() throws -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""))
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
            if bytes[offset] == UInt8(ascii: "\\") { throw fail("unexpected escape in a mark string") }
            offset += 1
        }
        guard offset < bytes.count else { throw fail("unterminated string") }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        return slice
    }

    func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        var escaped = false
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") { escaped = true; offset += 2; continue }
            if c < 0x20 { throw fail("control character in a string") }
            offset += 1
        }
        guard offset < bytes.count else { throw fail("unterminated string") }
        let end = offset
        offset += 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return escaped ? try unescape(raw, at: start) : String(decoding: raw, as: UTF8.self)
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) throws -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ p: Int) throws -> UInt32 {
            guard p + 4 <= raw.count else { throw Malformed(offset: start + p, reason: "bad \\u escape") }
            var v: UInt32 = 0
            for b in raw[p..<p + 4] {
                v <<= 4
                switch b {
                case 0x30...0x39: v |= UInt32(b - 0x30)
                case 0x41...0x46: v |= UInt32(b - 0x37)
                case 0x61...0x66: v |= UInt32(b - 0x57)
                default: throw Malformed(offset: start + p, reason: "bad \\u escape")
                }
            }
            return v
        }
        while k < raw.count {
            let c = raw[k]
            guard c == UInt8(ascii: "\\") else { out.append(c); k += 1; continue }
            guard k + 1 < raw.count else { throw Malformed(offset: start + k, reason: "bad escape") }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4(k)
                k += 4
                if (0xD800..<0xDC00).contains(scalar), k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") {
                    let low = try hex4(k + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        k += 6
                    }
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                throw Malformed(offset: start + k - 1, reason: "bad escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A date written as "YYYY-MM-DD".
    func date() throws -> SchoolDate {
        let raw = try plainStringBytes()
        guard let d = SchoolDate.parseISOBytes(raw) else { throw fail("expected a date (YYYY-MM-DD)") }
        return d
    }

    /// Skips a string, checking it as `string()` does but for what its escapes say.
    private func skipString() throws {
        try expect(UInt8(ascii: "\""))
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") { offset += 1; return }
            if c == UInt8(ascii: "\\") { offset += 2; continue }
            if c < 0x20 { throw fail("control character in a string") }
            offset += 1
        }
        throw fail("unterminated string")
    }

    func optionalDate() throws -> SchoolDate? { try null() ? nil : try date() }
    func optionalString() throws -> String? { try null() ? nil : try string() }

    func double() throws -> Double {
        _ = try peek()
        let start = offset
        while offset < bytes.count, (bytes[offset] >= 0x30 && bytes[offset] <= 0x39) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(bytes[offset]) { offset += 1 }
        guard offset > start, let v = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)) else {
            throw fail("expected a number")
        }
        return v
    }

    func strings() throws -> [String] {
        var out: [String] = []
        try array { out.append(try string()) }
        return out
    }

    /// The bytes of the next value, skipped: for small parts decoded another way.
    func rawValue() throws -> [UInt8] {
        _ = try peek()
        let start = offset
        try skip()
        return Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
    }

    /// Goes back to `offset` (one the reader has been at), to read a value again.
    func rewind(to offset: Int) {
        precondition(offset >= 0 && offset <= self.offset)
        self.offset = offset
    }

    /// Skips any value (for keys a newer writer may add, or entries not wanted), making no
    /// String of it.
    func skip() throws {
        switch try peek() {
        case UInt8(ascii: "{"):
            offset += 1
            if try peek() == UInt8(ascii: "}") { offset += 1; return }
            while true {
                try skipString()
                try expect(UInt8(ascii: ":"))
                try skip()
                let c = try peek()
                offset += 1
                if c == UInt8(ascii: "}") { return }
                guard c == UInt8(ascii: ",") else { offset -= 1; throw fail("expected \",\" or \"}\"") }
            }
        case UInt8(ascii: "["): try array { try skip() }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): _ = try null()
        default:
            let start = offset
            while offset < bytes.count, !([0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09] as [UInt8]).contains(bytes[offset]) { offset += 1 }
            guard offset > start else { throw fail("expected a value") }
        }
    }
}

/// A field name as it stands in the bytes, compared with literals without making a String.
struct JSONKey {
    let bytes: UnsafeBufferPointer<UInt8>

    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let n = pattern.utf8CodeUnitCount
        guard n == key.bytes.count else { return false }
        let p = pattern.utf8Start
        for i in 0..<n where p[i] != key.bytes[i] { return false }
        return true
    }
}
