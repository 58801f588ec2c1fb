import Foundation

/// An import file's bytes as text: UTF-8 with or without a byte-order mark, UTF-16 with one
/// (either byte order), or else Windows-1252 (what Excel saves as "CSV" on Windows), which is
/// converted and said so in `note`. UTF-16 without a byte-order mark cannot be told apart
/// reliably, so it is refused with how to save the file instead.
public struct ImportText: Sendable {
    public var text: String
    /// Set when the file was converted: "read as Windows-1252 and converted to UTF-8".
    public var note: String?

    public static func decode(_ data: Data, file: String) throws(ImportFailure) -> ImportText {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> ImportFailure { ImportFailure(file: file, problems: [.init(line: 1, reason: reason)]) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let t = String(data: data.dropFirst(3), encoding: .utf8) else {
                throw fail("starts with a UTF-8 byte-order mark but is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"")
            }
            return ImportText(text: t)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            guard bytes.count % 2 == 0, let t = String(validating: units, as: UTF16.self) else {
                throw fail("starts with a UTF-16 byte-order mark but is not UTF-16 text")
            }
            return ImportText(text: t, note: "read as UTF-16")
        }
        // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
        let head = bytes.prefix(512)
        if head.count >= 2, head.filter({ $0 == 0 }).count * 4 >= head.count {
            throw fail("looks like UTF-16 text without a byte-order mark, which cannot be read reliably; save it as \"CSV UTF-8\" (or UTF-16 with a byte-order mark)")
        }
        if let t = String(data: data, encoding: .utf8) { return ImportText(text: t) }
        return ImportText(text: windows1252(bytes), note: "not UTF-8: read as Windows-1252 and converted to UTF-8")
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F (the five bytes it leaves
    /// undefined are kept as the C1 controls of the same value).
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt16] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt16 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt16(b)
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }
}
