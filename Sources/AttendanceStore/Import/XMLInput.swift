import Foundation

/// What an XML file must be before Foundation's `XMLParser` sees it. On Linux that parser
/// crashes the process (force-unwrapped text, `strlen` of a null pointer) on a name or a
/// comment that is not UTF-8 and on a processing instruction with no data; the fuzzer found
/// each (`docs/fuzzing.md`). Neither a CTF nor a SIMS report has any use for processing
/// instructions or a DTD (whose entities can also blow up in size), so they are refused, with
/// the line, before parsing.
enum XMLInput {
    /// The line and the reason the bytes are refused, or nil when they may be parsed.
    static func problem(_ data: Data) -> (line: Int, reason: String)? {
        if String(data: data, encoding: .utf8) == nil {
            return (firstBadUTF8Line(data), "not UTF-8 text (save it as UTF-8)")
        }
        var line = 1
        let bytes = [UInt8](data)
        var i = 0
        // A byte-order mark and the XML declaration (`<?xml …?>`) may open the file.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if bytes[i...].starts(with: Array("<?xml ".utf8)) || bytes[i...].starts(with: Array("<?xml\t".utf8)) {
            // Only a declaration that ends (`?>`) before any other tag starts; one cut short
            // is a processing instruction like any other, and refused below.
            var end = i + 2
            var lines = 0
            while end + 1 < bytes.count, bytes[end] != UInt8(ascii: "<"), !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
                if bytes[end] == 0x0A { lines += 1 }
                end += 1
            }
            if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?") {
                i = end + 2
                line += lines
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
            if b == UInt8(ascii: "<"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "?") {
                    return (line, "holds a processing instruction (<?…?>) after the XML declaration, which this file never has")
                }
                if bytes[(i + 1)...].starts(with: Array("!DOCTYPE".utf8)) || bytes[(i + 1)...].starts(with: Array("!ENTITY".utf8)) {
                    return (line, "holds a document type declaration (<!DOCTYPE …>), which this file never has")
                }
            }
            i += 1
        }
        return nil
    }

    /// The line of the first byte that is not part of valid UTF-8.
    static func firstBadUTF8Line(_ data: Data) -> Int {
        var line = 1
        var i = data.startIndex
        while i < data.endIndex {
            let b = data[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard length > 0, i + length <= data.endIndex, String(data: data[i..<(i + length)], encoding: .utf8) != nil else { return line }
            if b == 0x0A { line += 1 }
            i += length
        }
        return line
    }
}
