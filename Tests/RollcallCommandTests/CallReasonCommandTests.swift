import Attendance
import Foundation
import Testing

/// Issue 19, "one rule, one place": `rollcall log call --reason` accepts and refuses each code
/// exactly as the domain's `AttendanceCode.callReason` does, in its words (the app's call
/// form is held to the same in `CallReasonRuleTests`).
@Suite("Issue 19: rollcall log call's reasons are the domain's")
struct CallReasonCommandTests {
    @Test func eachCodeIsAcceptedOrRefusedAsTheDomainSays() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Call School", "--name", "Cass Head"]).status == 0)
        let pupils = scratch.write("p.csv", """
            UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Parental Responsibility
            A1,Smith,Ann,2016-01-01,4,4A,Sarah Smith,Mother,07700 900001,Y

            """)
        #expect(try RollcallProcess.run(["import", "pupils", pupils, "--store", store]).status == 0)
        for code in AttendanceCode.allCases {
            let r = try RollcallProcess.run(["log", "call", "A1", "--contact", "1", "--outcome", "spoke", "--reason", code.symbol,
                                             "--date", "2025-09-12", "--time", "09:40", "--store", store])
            switch AttendanceCode.callReason(code.symbol) {
            case .success(let allowed):
                #expect(r.status == 0, "\(code.symbol): \(r.stderr)")
                #expect(r.stdout.contains("Logged:"), "\(code.symbol): \(r.stdout)")
                #expect(allowed == code)
            case .failure(let why):
                #expect(r.status != 0, "\(code.symbol) was logged")
                #expect(r.stderr.contains("--reason: \(why.message)"), "\(code.symbol): \(r.stderr)")
            }
        }
    }
}
