import Attendance
import AttendanceStore
import Foundation
import Testing

/// `rollcall caseload` lists the caseload in the panel's order: the domain's, most urgent first.
@Suite("rollcall caseload, most urgent first")
struct CaseloadOrderTests {
    @Test func theTableIsInTheDomainsOrder() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["demo", "--store", store, "--as-of", "2026-11-30", "--seed", "3"]).status == 0)
        let out = try RollcallProcess.run(["caseload", "--as-of", "2026-11-30", "--store", store])
        #expect(out.status == 0, "\(out.stderr)")
        // "Name (4A, UPN)  attendance …" starts a pupil; "  track: stage ⇒ …" is one of their rows.
        var listed: [String] = []
        var upn = ""
        for line in out.stdout.split(separator: "\n").map(String.init) {
            if !line.hasPrefix(" "), let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")") {
                upn = line[line.index(after: open)..<close].split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            } else if line.hasPrefix("  "), !line.hasPrefix("   "), let colon = line.firstIndex(of: ":") {
                listed.append(upn + " " + line[..<colon].trimmingCharacters(in: .whitespaces))
            }
        }
        let school = try Store.open(at: store).school
        let engine = try #require(CaseworkEngine(school: school, asOf: SchoolDate("2026-11-30")!))
        let expected = engine.caseloadMostUrgentFirst().map { "\($0.upn) \($0.track)" }
        #expect(listed.count > 10)
        #expect(listed == expected)
        // Not register order: the most urgent (an unexplained run) is first.
        #expect(engine.caseloadMostUrgentFirst().first.map(CaseUrgency.init) == .unexplainedRun)
    }
}
