import Attendance
import Foundation

/// What the fuzzer feeds arbitrary bytes to (`Fuzz/`, `docs/fuzzing.md`), and what the
/// regression test replays every input it ever crashed on through: each reader of outside
/// input, from bytes, exactly as the store or an import uses it. Each must return or throw,
/// never crash, whatever the bytes.
enum FuzzTargets {
    /// The CSV readers: the marks file (the byte-level reader first, SwiftCSV's when it gives
    /// up), the pupils and calendar files (SwiftCSV, or a SIMS report as XML).
    static func csv(_ bytes: [UInt8]) {
        guard let text = try? ImportText.decode(Data(bytes), file: "fuzz.csv").text else { return }
        _ = try? MarkImport.read(text, file: "fuzz.csv", knownUPNs: ["A1", "B2"])
        _ = try? MarkImport.read(text, file: "fuzz.csv", knownUPNs: ["A1"], mapping: ["minutes_late": "Session.Late.Minutes"])
        _ = try? PupilImport.read(text, file: "fuzz.csv")
        _ = try? CalendarImport.parse(text, file: "fuzz.csv")
    }

    /// The Common Transfer File reader (and so Foundation's XMLParser under it).
    static func ctf(_ bytes: [UInt8]) {
        guard let records = try? CTF.parse(Data(bytes), file: "fuzz.xml") else { return }
        _ = try? CTF.changes(records, into: School(name: "Fuzz"), group: "5X", file: "fuzz.xml") as [Change]
    }

    /// One journal line: the bytes are taken as the line's JSON and given a good CRC, so the
    /// fuzzer reaches the decoder rather than stopping at the checksum; then as a raw line.
    static func journalLine(_ bytes: [UInt8]) {
        var body = Data(bytes)
        if body.last == UInt8(ascii: "}") {
            let crc = CRC32.hex(body)
            body.removeLast()
            body.append(contentsOf: Array(",\"crc\":\"\(crc)\"}".utf8))
            if let record = try? JournalRecord.parse(body) { _ = try? record.transaction }
            _ = JournalRecord.peek(body)
        }
        _ = try? JournalRecord.parse(Data(bytes))
        _ = JournalRecord.peek(Data(bytes))
    }

    /// The snapshot readers: pupils, a year of marks, the casework (the first byte chooses).
    static func snapshot(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        switch first % 3 {
        case 0: _ = try? SnapshotReaders.pupils(rest, file: "fuzz.json")
        case 1:
            var register = Register()
            try? SnapshotReaders.marks(rest, file: "fuzz.json", into: &register)
        default:
            var casework = Casework()
            try? SnapshotReaders.casework(rest, file: "fuzz.json", into: &casework)
        }
    }

    static let all: [String: @Sendable ([UInt8]) -> Void] = ["csv": csv, "ctf": ctf, "journal": journalLine, "snapshot": snapshot]
}
