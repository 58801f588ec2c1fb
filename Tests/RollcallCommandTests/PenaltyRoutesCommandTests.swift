import Foundation
import Testing

/// Issue 19, defects 3 and 6: the commands that record the other route to a notice and make
/// the history of notices right.
@Suite struct PenaltyRoutesCommandTests {
    @Test func supportNotAppropriateRecordAndWithdraw() throws {
        let scratch = Scratch()
        let store = try CaseworkCommandTests().seeded(scratch)
        var marks = ["upn,date,session,mark"]
        for day in 15...19 { for s in ["AM", "PM"] { marks.append("A1,2025-09-\(day),\(s),G") } }
        #expect(try RollcallProcess.run(["import", "marks", scratch.write("g.csv", marks.joined(separator: "\n") + "\n"), "--store", store]).status == 0)

        // A notice issued last year by another school: the next one is the second (£160).
        let record = try RollcallProcess.run(["penalty", "record", "A1", "--parent", "Sarah Smith", "--issued", "2025-03-10",
                                              "--amount", "80", "--school", "Hillside Primary", "--store", store])
        #expect(record.status == 0, "\(record.stderr)")
        let bad = try RollcallProcess.run(["penalty", "record", "A1", "--parent", "Sarah Smith", "--issued", "2025-03-11", "--amount", "100", "--store", store])
        #expect(bad.status != 0 && bad.stderr.contains("80 or 160"), "\(bad.stderr)")

        // No support on record; the head says why support would not be appropriate.
        let check = try RollcallProcess.run(["penalty", "check", "A1", "--as-of", "2025-09-19", "--store", store])
        #expect(check.stdout.contains("--support-not-appropriate"), "\(check.stdout)")
        let request = try RollcallProcess.run(["penalty", "request", "A1", "--parent", "Sarah Smith", "--reason", "term-time holiday",
                                               "--support-not-appropriate", "a holiday taken after the request was refused",
                                               "--as-of", "2025-09-19", "--store", store])
        #expect(request.status == 0, "\(request.stderr)")
        #expect(request.stdout.contains("£160"), "\(request.stdout)")
        let history = try RollcallProcess.run(["history", "--pupil", "A1", "--store", store]).stdout
        #expect(history.contains("support not appropriate: a holiday taken after the request was refused"), "\(history)")

        // The LA withdrew the earlier notice.
        let withdraw = try RollcallProcess.run(["penalty", "withdraw", "A1", "--parent", "Sarah Smith", "--issued", "2025-03-10",
                                                "--reason", "withdrawn by the LA", "--store", store])
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        let missing = try RollcallProcess.run(["penalty", "withdraw", "A1", "--parent", "Sarah Smith", "--issued", "2025-03-12",
                                               "--reason", "x", "--store", store])
        #expect(missing.status != 0 && missing.stderr.contains("no penalty notice for Sarah Smith issued on 12 Mar 2025"), "\(missing.stderr)")
    }
}
