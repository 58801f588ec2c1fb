import Attendance
import AttendanceStore
import Foundation

// rollcall-stress STORE LOGIN UPN FIRST-SESSION COUNT STEP [COMPACT-BYTES]
// Commits COUNT marks for UPN, one transaction each, on every STEP-th session from
// FIRST-SESSION (`2024-01-01` or `2024-01-01_PM`), cycling through a few codes; prints "ok SESSION CODE" after each
// commit returns (i.e. once it is durable). Used by the store's concurrency and crash tests.
let args = CommandLine.arguments
let firstParts = args.count > 4 ? args[4].split(separator: "_").map(String.init) : []
guard args.count >= 7, let first = firstParts.first.flatMap({ SchoolDate($0) }), let count = Int(args[5]), let step = Int(args[6]) else {
    FileHandle.standardError.write(Data("usage: rollcall-stress STORE LOGIN UPN FIRST-SESSION COUNT STEP [COMPACT-BYTES]\n".utf8))
    exit(2)
}
do {
    let store = try Store.open(at: args[1])
    if args.count > 7, let bytes = Int(args[7]) { store.compactionThreshold = bytes }
    let me = try store.staffMember(login: args[2])
    let stressReason = "written by the stress test"
    let codes: [AttendanceCode] = [.lateBeforeClose, .illness, .reasonNotYetEstablished, .medical]
    var session = Session(first, firstParts.count > 1 && firstParts[1] == "PM" ? .pm : .am)
    for i in 0..<count {
        let code = codes[i % codes.count]
        // Its sessions run over many years on purpose: allowed, with a reason (see `School.yearsForMarks`).
        var t = Transaction([.mark(MarkChange(upn: args[3], session: session, mark: Mark(code)))], reason: stressReason)
        t.allowingAnyDate = true
        try store.commit(t, by: me)
        FileHandle.standardOutput.write(Data("ok \(session.storageKeyForStress) \(code.symbol)\n".utf8))
        session = Session(ordinal: session.ordinal + step)
    }
} catch {
    FileHandle.standardError.write(Data("rollcall-stress: \(error)\n".utf8))
    exit(1)
}

extension Session {
    var storageKeyForStress: String { "\(date)_\(half.label)" }
}
