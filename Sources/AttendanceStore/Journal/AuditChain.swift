import Foundation

/// The audit trail's hash chain. Every journal line carries the SHA-256 of the line before it
/// (`prev`), and lines are archived unchanged, so the whole trail, archive and journal in
/// sequence order, is one chain: a line changed, removed or inserted after it was written
/// breaks the link of the line after it. (The CRC on each line stays, to tell a crash's torn
/// last line from damage.) `check` verifies it; `audit export` writes it for a third party.
public enum AuditChain {
    public struct Verification: Sendable {
        /// The first link that does not hold, naming its file, line and transaction; nil when
        /// the chain verifies.
        public var brokenLink: String?
        /// Parts of the trail that could not be read at all (history and check list them).
        public var unreadable: [String] = []
        /// Transactions read, and how many of them carry a link (older stores' first lines
        /// were written before the chain).
        public var transactions = 0
        public var linked = 0
        /// The SHA-256 of the last line: write it down, and a later export must still lead to it.
        public var tip: String?
    }

    /// Verifies the store's whole trail and names the first line whose link does not hold.
    public static func verify(store: String) -> Verification {
        verify(AuditTrailReader.lines(store: store, journal: "\(store)/\(Snapshot.journalName)", keepingBytes: true),
               manifestTip: manifestTip(store: store))
    }

    static func verify(_ read: AuditTrailReader.Lines, manifestTip: (seq: Int, digest: String)?) -> Verification {
        var result = Verification()
        result.unreadable = read.problems.map { "\($0)" }
        var previous: String?
        var previousPlace = "the start of the trail"
        var chainStarted = false
        for (record, file, line) in read.records {
            result.transactions += 1
            let place = "\(file), line \(line) (transaction \(record.seq))"
            if let prev = record.prev {
                let expected = previous ?? SHA256.genesis
                if prev != expected {
                    result.brokenLink = "\(previousPlace) does not match the link the next line holds (\(place)): it was changed after it was written, or a line was removed or inserted between them"
                    return result
                }
                chainStarted = true
                result.linked += 1
            } else if chainStarted {
                result.brokenLink = "\(place) has no link to the transaction before, though the lines before it do: it was not written by Rollcall"
                return result
            }
            previous = read.bytes[record.seq].map(SHA256.hex)
            previousPlace = place
            if let tip = manifestTip, tip.seq == record.seq, previous != tip.digest {
                result.brokenLink = "\(place) is not the line the snapshot was made after (the manifest records another SHA-256): it was changed after it was written"
                return result
            }
        }
        result.tip = previous
        return result
    }

    /// The manifest's record of the last line its snapshot includes, if it has one.
    static func manifestTip(store: String) -> (seq: Int, digest: String)? {
        guard let m = try? JSONFile.decode(Snapshot.Manifest.self, at: "\(store)/\(Snapshot.manifestName)"),
              let tip = m.chainTip, m.snapshot.seq > 0 else { return nil }
        return (m.snapshot.seq, tip)
    }

    /// Writes the whole trail, oldest first, one line each exactly as written, to `path`
    /// (through `write`, so the caller decides how files are made); returns the verification.
    public static func export(store: String, write: (Data) throws -> Void) throws -> Verification {
        let read = AuditTrailReader.lines(store: store, journal: "\(store)/\(Snapshot.journalName)", keepingBytes: true)
        let verification = verify(read, manifestTip: manifestTip(store: store))
        var out = Data()
        for (record, _, _) in read.records { if let bytes = read.bytes[record.seq] { out.append(bytes) } }
        try write(out)
        return verification
    }
}

extension AuditArchive {
    /// The SHA-256 of the archive's last line (its newest year's file, appended in order), for
    /// a store compacted before the manifest kept the chain's tip; nil with no archive.
    static func lastLineDigest(store: String) -> String? {
        let dir = "\(store)/\(Snapshot.auditDirectory)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir),
              let newest = names.filter({ $0.hasSuffix(".jsonl") }).sorted().last,
              let data = FileManager.default.contents(atPath: "\(dir)/\(newest)") else { return nil }
        let lines = data.split(separator: 0x0A)
        guard let last = lines.last, data.last == 0x0A else { return nil }
        return SHA256.hex(Data(last) + [0x0A])
    }
}
