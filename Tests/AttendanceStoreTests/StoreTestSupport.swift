import Attendance
import Foundation
@testable import AttendanceStore

let head = StaffMember(login: "head", name: "Hana Head", role: .head, isDSL: true)
let office = StaffMember(login: "office", name: "Olu Office", role: .office)
let fsw = StaffMember(login: "fsw", name: "Fay Support", role: .attendance)

let pupilsCSV = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nA1,Smith,Ann,2016-01-01,3,3A\nB2,Jones,Ben,2016-02-02,3,3A\n"
let marksCSV = "upn,date,session,mark,minutes_late,comment\nA1,2025-09-01,AM,/,,\nA1,2025-09-01,PM,L,10,bus\nB2,2025-09-01,AM,N,,\n"

/// The clock every test store starts on: Monday 2 March 2026, 09:00 UTC (after the 2025 marks
/// the tests amend, before the 2027 days the daily-backup test walks through).
let storeTestMorning = Date(timeIntervalSince1970: 1_772_442_000)

/// A store with a head, an office member, a family support worker, two pupils and three marks,
/// on the clock `storeTestMorning`.
func makeStore(_ dir: TempDirectory) throws -> Store {
    let store = try Store.create(at: dir.file("store"), schoolName: "Test School", head: head)
    store.now = { storeTestMorning }  // never the real clock: daily backups and "today" are named from it
    try store.commit(Transaction([.staff(office), .staff(fsw)]), by: head)
    _ = try store.importPupils(try PupilImport.parse(pupilsCSV, file: "p.csv"), file: "p.csv", by: head)
    _ = try store.importMarks(try MarkImport.parse(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"]), file: "m.csv", by: office)
    return store
}

func session(_ iso: String, _ half: SessionHalf) -> Session { Session(SchoolDate(iso)!, half) }

func markTransaction(_ upn: String, _ iso: String, _ half: SessionHalf, _ code: AttendanceCode, reason: String? = nil) -> Transaction {
    Transaction([.mark(MarkChange(upn: upn, session: session(iso, half), mark: Mark(code)))], reason: reason)
}

/// Every file under a directory with its bytes, to prove a failed open touched nothing.
func contents(of dir: String) -> [String: Data] {
    var result: [String: Data] = [:]
    for name in (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? [] {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "\(dir)/\(name)", isDirectory: &isDir), !isDir.boolValue, name != "lock" {
            result[name] = FileManager.default.contents(atPath: "\(dir)/\(name)")
        }
    }
    return result
}

/// The stress writer built beside the test bundle.
let stressBinary: String = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("rollcall-stress").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
    return bundle?.appendingPathComponent("rollcall-stress").path ?? "rollcall-stress"
}()

/// Every sequence number from 1 to the store's last, once each, across the archive and journal.
func auditIsGapless(_ path: String) throws -> Bool {
    let store = try Store.open(at: path)
    let records = try AuditArchive.records(store: path, journal: "\(path)/\(Snapshot.journalName)")
    return records.map(\.seq) == (0..<store.lastSeq).map { $0 + 1 }
}
