import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A full disk, for real: a small tmpfs filled to the last byte (issue 11, faults).
@Suite(.serialized) struct FullDiskTests {
    /// A tmpfs of `size` mounted in a fresh directory, or why there cannot be one here.
    static func mountSmallDisk() -> (path: String?, why: String?) {
        guard getuid() == 0 else { return (nil, "mounting a tmpfs needs root") }
        let dir = NSTemporaryDirectory() + "rollcall-disk-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard let r = try? OSLoginFixture.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", dir]), r.status == 0 else {
            try? FileManager.default.removeItem(atPath: dir)
            return (nil, "this machine does not allow mounting a tmpfs")
        }
        return (dir, nil)
    }

    static let canMount: Bool = {
        let m = mountSmallDisk()
        if let path = m.path { _ = try? OSLoginFixture.run("/bin/umount", [path]); try? FileManager.default.removeItem(atPath: path) }
        return m.path != nil
    }()

    /// Fills the disk with one file until the kernel says no more.
    static func fill(_ disk: String) {
        let fd = open("\(disk)/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 64 * 1024)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        var small = [UInt8](repeating: 0, count: 512)
        while small.withUnsafeMutableBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        fsync(fd)
    }

    @Test(.enabled(if: FullDiskTests.canMount, "needs root and permission to mount a tmpfs; skipped here"))
    func aFullDiskRefusesTheChangeLeavesNoPartFileAndLosesNothingAcknowledged() throws {
        let disk = try #require(Self.mountSmallDisk().path)
        defer { _ = try? OSLoginFixture.run("/bin/umount", [disk]); try? FileManager.default.removeItem(atPath: disk) }
        let store = "\(disk)/store"
        let s = ["--store", store]
        #expect(try RollcallProcess.run(["init", "--school", "Small Disk Primary"] + s).status == 0)
        let pupils = "\(disk)/pupils.csv"
        FileManager.default.createFile(atPath: pupils, contents: Data(SharedStoreTests.pupils.utf8))
        #expect(try RollcallProcess.run(["import", "pupils", pupils] + s).status == 0)
        let acknowledged = try RollcallProcess.run(["mark", "A123456789012", "2026-11-30", "AM", "N"] + s)
        try #require(acknowledged.status == 0, "\(acknowledged.stderr)")
        // Today's backup is taken again at the next change, which will meet a full disk.
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(store)/backups") {
            try FileManager.default.removeItem(atPath: "\(store)/backups/\(name)")
        }

        Self.fill(disk)
        // A change bigger than the journal's last page needs new space: there is none.
        let long = String(repeating: "The family were seen at home and all is well. ", count: 200)
        let refused = try RollcallProcess.run(["log", "note", "A123456789012", long, "--date", "2026-11-30"] + s)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("disk full"), "\(refused.stderr)")
        #expect(refused.stderr.contains("daily backup"), "the failed backup is said: \(refused.stderr)")
        let note = try RollcallProcess.run(["log", "note", "A123456789012", long, "--sensitive", "--date", "2026-11-30"] + s)
        #expect(note.status != 0 && note.stderr.contains("disk full"), "\(note.stderr)")

        // Nothing empty or half written anywhere, backups included.
        var partial: [String] = []
        SharedStoreTests.walk(store) { path, st in
            let name = (path as NSString).lastPathComponent
            guard st.st_mode & S_IFMT == S_IFREG else {
                if name.hasSuffix(".tmp") { partial.append(path) }
                return
            }
            if name.contains(".tmp") { partial.append(path) }
            if st.st_size == 0 && name != "lock" && name != "journal.jsonl" { partial.append(path) }
        }
        #expect(partial.isEmpty, "left behind: \(partial)")
        let journal = try Data(contentsOf: URL(fileURLWithPath: "\(store)/journal.jsonl"))
        #expect(journal.isEmpty || journal.last == 0x0A, "the journal ends in a half-written line")

        // Space again: the change goes in, the day's backup is taken, and nothing was lost.
        try FileManager.default.removeItem(atPath: "\(disk)/filler")
        let retried = try RollcallProcess.run(["mark", "B123456789012", "2026-11-30", "AM", "/"] + s)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(store)/backups").contains { $0.hasPrefix("daily-") })
        let export = try RollcallProcess.run(["export", "marks"] + s)
        #expect(export.stdout.contains("A123456789012,2026-11-30,AM,N"), "\(export.stdout)")
        #expect(export.stdout.contains("B123456789012,2026-11-30,AM,/"), "\(export.stdout)")
        let check = try RollcallProcess.run(["check"] + s)
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }
}
