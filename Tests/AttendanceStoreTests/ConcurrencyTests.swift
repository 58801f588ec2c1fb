import Attendance
import Foundation
import SchoolGenerator
import Testing
@testable import AttendanceStore

@Suite("Several staff on one store", .serialized)
struct ConcurrencyTests {
    @Test func anotherProcessSeesAChangeOnRefresh() throws {
        let dir = TempDirectory()
        let secretary = try makeStore(dir)
        let head = try Store.open(at: dir.file("store"))
        #expect(!head.hasChangesOnDisk())
        try secretary.commit(markTransaction("B2", "2025-09-02", .am, .illness), by: office)
        #expect(head.hasChangesOnDisk())
        #expect(try head.refresh())
        #expect(head.school.register.mark(for: "B2", at: session("2025-09-02", .am))?.code == .illness)
        // And after the writer compacts, the reader follows the new snapshot.
        try secretary.commit(markTransaction("B2", "2025-09-03", .am, .medical), by: office)
        try secretary.compact()
        #expect(try head.refresh())
        #expect(head.school.register.mark(for: "B2", at: session("2025-09-03", .am))?.code == .medical)
        #expect(head.lastSeq == secretary.lastSeq)
    }

    @Test func aWriteBasedOnAStaleViewStillRecordsWhatItReplaced() throws {
        let dir = TempDirectory()
        let a = try makeStore(dir)
        let b = try Store.open(at: dir.file("store"))
        try a.commit(markTransaction("A1", "2025-09-05", .am, .reasonNotYetEstablished), by: office)
        // b has not refreshed, so it thinks the session is empty: its write must become an
        // amendment of a's mark, and so be refused without a reason.
        #expect(throws: ChangeRefused.self) { try b.commit(markTransaction("A1", "2025-09-05", .am, .illness), by: office) }
        try b.commit(markTransaction("A1", "2025-09-05", .am, .illness, reason: "mum rang"), by: office)
        let history = b.history(upn: "A1").entries
        guard case .mark(let m) = history.last!.change else { Issue.record("not a mark"); return }
        #expect(m.previous?.code == .reasonNotYetEstablished)
    }

    @Test func aMarkChangedSinceTheScreenShowedItIsAConflictNamingWhoAndWhen() throws {
        let dir = TempDirectory()
        let a = try makeStore(dir)
        let b = try Store.open(at: dir.file("store"))
        a.now = { Date(timeIntervalSince1970: 1_764_580_500) }  // 2025-12-01 09:15 UTC
        try a.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "mum rang"), by: office)
        // b's screen still shows the N that was there when it drew the register.
        let stale = MarkChange(upn: "B2", session: session("2025-09-01", .am), mark: Mark(.medical), shown: .mark(Mark(.reasonNotYetEstablished)))
        #expect {
            try b.commit(Transaction([.mark(stale)], reason: "dentist"), by: head)
        } throws: { error in
            guard let refused = error as? ChangeRefused, let c = refused.conflict else { return false }
            return refused.kind == .conflict && c.upn == "B2" && c.now?.code == .illness && c.byName == "Olu Office"
                && c.at == "2025-12-01T09:15:00Z" && refused.message.contains("was changed by Olu Office at ")
                && refused.message.contains("from N to I")
        }
        #expect(b.school.register.mark(for: "B2", at: session("2025-09-01", .am))?.code == .illness)
        // Showing what is there now, the same change goes through; with no expectation, too.
        var fresh = stale
        fresh.shown = ShownMark(b.school.register.mark(for: "B2", at: session("2025-09-01", .am)))
        try b.commit(Transaction([.mark(fresh)], reason: "dentist"), by: head)
        try a.commit(markTransaction("B2", "2025-09-01", .am, .illness, reason: "no, ill"), by: office)
        // An empty cell that someone filled meanwhile; a changer this process never saw.
        let c = try Store.open(at: dir.file("store"))
        try a.commit(markTransaction("A1", "2025-09-02", .am, .presentAM), by: office)
        let empty = MarkChange(upn: "A1", session: session("2025-09-02", .am), mark: Mark(.lateBeforeClose), shown: ShownMark.none)
        #expect { try c.commit(Transaction([.mark(empty)]), by: office) } throws: {
            ($0 as? ChangeRefused)?.conflict?.byName == "Olu Office" && "\($0)".contains("from no mark to /")
        }
        try c.commit(markTransaction("A1", "2025-09-03", .am, .presentAM), by: office)
        try c.compact()  // folded into the snapshot: d finds who wrote it in the audit trail
        let d = try Store.open(at: dir.file("store"))
        let unseen = MarkChange(upn: "A1", session: session("2025-09-03", .am), mark: Mark(.lateBeforeClose), shown: ShownMark.none)
        #expect { try d.commit(Transaction([.mark(unseen)]), by: office) } throws: {
            "\($0)".contains("by Olu Office at ") && "\($0)".contains("from no mark to /")
        }
    }

    /// Runs the stress writer; returns its stdout lines.
    func runWriter(store: String, upn: String, count: Int, step: Int, firstDate: String, compactBytes: Int? = nil,
                   crashAt: String? = nil) throws -> Process {
        let p = Process()
        if let crashAt { p.environment = ProcessInfo.processInfo.environment.merging(["ROLLCALL_CRASH_AT": crashAt]) { $1 } }
        p.executableURL = URL(fileURLWithPath: stressBinary)
        p.arguments = [store, "office", upn, firstDate, String(count), String(step)] + (compactBytes.map { [String($0)] } ?? [])
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        return p
    }

    @Test func twoProcessesWriting500EachLoseAndDuplicateNothing() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        // One writer takes the AM sessions and the other the PM sessions of one pupil, so
        // every write lands in the same register and the same journal; a small compaction
        // threshold makes each compact (and the other follow) several times on the way.
        let a = try runWriter(store: path, upn: "A1", count: 500, step: 2, firstDate: "2024-01-01", compactBytes: 40_000)
        let b = try runWriter(store: path, upn: "A1", count: 500, step: 2, firstDate: "2024-01-01_PM", compactBytes: 40_000)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let store = try Store.open(at: path)
        try store.loadAllYears()
        let first = session("2024-01-01", .am).ordinal
        let present = (0..<1000).filter { store.school.register.mark(for: "A1", at: Session(ordinal: first + $0)) != nil }
        #expect(present.count == 1000)
        // Every transaction is in the audit trail exactly once, in sequence.
        let records = try AuditArchive.records(store: path, journal: "\(path)/journal.jsonl")
        #expect(records.map(\.seq) == Array(1...store.lastSeq))
        #expect(records.filter { $0.reason == "written by the stress test" && $0.by == "office" }.count == 1000)
        #expect(CheckReport.run(store: path).isHealthy)
    }

    @Test func killedWritersNeverLoseAnAcknowledgedMark() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        var acknowledged: [String: String] = [:]  // "date_AM" → code
        var day = SchoolDate("2020-01-01")!
        var generator = SeededRandom(seed: 55)  // the same kill times every run
        for round in 0..<55 {
            let p = try runWriter(store: path, upn: "A1", count: 100_000, step: 1, firstDate: day.description,
                                  compactBytes: round % 5 == 0 ? 2_000 : nil)
            // Killed some time after its first acknowledgement, not after a fixed time from its
            // start: on a busy machine a writer may not have opened the store in 90 ms.
            let pipe = try #require(p.standardOutput as? Pipe).fileHandleForReading
            let first = pipe.availableData
            usleep(UInt32.random(in: 20_000...90_000, using: &generator))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let out = first + pipe.readDataToEndOfFile()
            for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 3, parts[0] == "ok" { acknowledged[String(parts[1])] = String(parts[2]) }
            }
            let store = try Store.open(at: path)  // must always open
            try store.loadAllYears()
            for (key, code) in acknowledged {
                let s = Session(storageKey: key.replacingOccurrences(of: "_", with: " "))!
                #expect(store.school.register.mark(for: "A1", at: s)?.code.symbol == code, "round \(round): \(key)")
            }
            #expect(try auditIsGapless(path), "round \(round)")
            day = day.adding(days: 400)  // each round writes its own sessions
        }
        #expect(acknowledged.count > 55)
        #expect(CheckReport.run(store: path).isHealthy)
    }

    /// Reads a finished writer's "ok SESSION CODE" lines.
    func acknowledgedMarks(_ p: Process) throws -> [String: String] {
        let out = try #require(p.standardOutput as? Pipe).fileHandleForReading.readDataToEndOfFile()
        var acknowledged: [String: String] = [:]
        for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "ok" { acknowledged[String(parts[1])] = String(parts[2]) }
        }
        return acknowledged
    }

    /// A writer that crashes at each step of compaction (`ROLLCALL_CRASH_AT`, `_exit(99)`):
    /// the store opens afterwards with every acknowledged mark and a gapless audit trail,
    /// and the next writer compacts it cleanly.
    @Test(arguments: ["after-archive-append", "before-manifest-switch", "before-journal-empty", "after-journal-append", "during-backup-copy"])
    func aWriterCrashingInsideCompactionLosesNothing(_ point: String) throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let path = dir.file("store")
        var acknowledged: [String: String] = [:]
        // Commits until the journal passes 3,000 bytes, then crashes inside that compaction.
        let p = try runWriter(store: path, upn: "A1", count: 40, step: 1, firstDate: "2024-01-01", compactBytes: 3_000, crashAt: point)
        let marks = try acknowledgedMarks(p)
        p.waitUntilExit()
        #expect(p.terminationStatus == 99, "the writer never reached \(point)")
        acknowledged.merge(marks) { $1 }
        func verify(_ when: String) throws {
            let store = try Store.open(at: path)
            try store.loadAllYears()
            for (key, code) in acknowledged {
                let s = Session(storageKey: key.replacingOccurrences(of: "_", with: " "))!
                #expect(store.school.register.mark(for: "A1", at: s)?.code.symbol == code, "\(point) \(when): \(key)")
            }
            #expect(try auditIsGapless(path), "\(point) \(when)")
            let report = CheckReport.run(store: path)
            #expect(report.isHealthy, "\(point) \(when): \(report.problems)")
        }
        try verify("after the crash")
        let again = try runWriter(store: path, upn: "A1", count: 40, step: 1, firstDate: "2024-03-01", compactBytes: 3_000)
        acknowledged.merge(try acknowledgedMarks(again)) { $1 }
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        try verify("after the next writer")
    }
}
