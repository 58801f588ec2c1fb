import Attendance
import AttendanceStore
import SchoolGenerator
import Testing

@Suite struct DemoCaseloadTests {
    /// Issue 10: the demo's caseload was upside down (40 pupils at Bridgewater's Step 4
    /// against 31 at Step 1). A real school's caseload is a pyramid: more pupils at the first
    /// step than at the last, through the year and under each preset whose ladder is by
    /// level of absence. The caseload is what the head's panel shows: open cases, and the
    /// cases the policy recommends opening. (PA procedures is a sequence every case walks
    /// through, invitation to plan within two weeks, so its first step is brief by design.)
    @Test(arguments: ["bridgewater-park", "heath-primary", "attendance-bands", "east-sussex-federation"])
    func theDemoCaseloadIsAPyramid(policy: String) throws {
        for date in ["2026-11-30", "2027-02-05", "2027-07-16"] {
            let asOf = SchoolDate(date)!
            let school = SchoolGenerator.demo(asOf: asOf, policy: try PolicyFile.preset(policy)).generate()
            let track = try #require(school.casework.policy?.track("attendance"))
            let engine = try #require(CaseworkEngine(school: school, asOf: asOf))
            let caseload = engine.caseload().filter { $0.track == "attendance" }
            var counts = track.stages.map { stage in
                caseload.filter { ($0.stage ?? ($0.kind == .enter ? $0.recommendedStage : nil)) == stage.id }.count
            }
            // A case closed as improved does not reopen within the policy's weeks, nor while
            // attendance is no lower than at the close (issue 19, defect 8): those pupils are
            // the first step's, watched rather than written to again.
            counts[0] += school.roll.filter { p in
                engine.reopenWait(upn: p.upn, track: track, measures: engine.measures(for: p.upn)) != nil
            }.count
            #expect(counts.first! > counts.last!, "\(policy) \(date): \(zip(track.stages.map(\.id), counts).map { "\($0) \($1)" })")
        }
    }
}
