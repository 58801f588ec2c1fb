import Foundation
import Testing

/// The family support worker's and the head's afternoon in the real app: the calling list,
/// a home visit, two panel decisions and a penalty notice; then the store is read back with
/// the commands, and an office login is shown it cannot decide at the panel.
@Suite("Casework in a real terminal", .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct CaseworkEndToEndTests {
    static let day = "2026-11-30"
    let e2e = AppEndToEndTests()

    /// Pupils by display name ("Finley Brown") from `rollcall export pupils`; a name two
    /// pupils share (the demo has two Archie Browns) is left out, as the screen cannot tell them apart.
    func upnsByName(_ store: String) throws -> [String: String] {
        var out: [String: String] = [:]
        var shared: Set<String> = []
        for line in try e2e.rollcall(["export", "pupils", "--store", store]).split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count > 3 else { continue }
            let name = "\(f[3].isEmpty ? f[2] : f[3]) \(f[1])"
            if out[name] != nil { shared.insert(name) }
            out[name] = f[0]
        }
        for name in shared { out[name] = nil }
        return out
    }

    /// The detail pane's first line under the panel's list: "NAME · track · stage".
    func selectedCase(_ screen: [String]) -> String? {
        screen.first { $0.contains(" · attendance · ") || $0.contains(" · punctuality · ") || $0.contains(" · unexplained absence · ") }?
            .trimmingCharacters(in: .whitespaces)
    }

    @Test("calls, a home visit, a confirmed and an overridden panel decision, a penalty notice; an office login cannot decide")
    func theAfternoonsCasework() throws {
        let dir = NSTemporaryDirectory() + "rollcall-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try e2e.demoStore(in: dir)
        // Two Reception pupils absent with no reason this afternoon, so there are calls to make.
        let finley = "H100003000027", eleni = "H100003000004"
        for upn in [finley, eleni] { _ = try e2e.rollcall(["mark", upn, Self.day, "PM", "N", "--store", store]) }
        // A pupil for whom a penalty notice may be requested.
        let caseload = try e2e.rollcall(["caseload", "--store", store, "--as-of", Self.day, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(caseload.utf8)) as? [[String: Any]])
        let eligible = try #require(rows.first { (($0["penalty_notice"] as? [String: Any])?["eligible"] as? Bool) == true }?["upn"] as? String)
        let names = try upnsByName(store)

        let app = try TmuxSession(binary: TmuxSession.rollcall, arguments: ["--today", Self.day, "--now", "13:40", "--store", store], width: 120, height: 40)
        try app.waitFor("q quit", timeout: 15)

        // The calling list: no answer, then spoke, with the reason put on the N marks.
        app.type(":calls")
        app.sendKeys(["Enter"])
        try app.waitFor("Calls ·")
        let called = try #require(app.capture().first { $0.contains(" of unexplained absence") }?.trimmingCharacters(in: .whitespaces)
            .components(separatedBy: "  ").first)
        let calledUPN = try #require(names[called])
        var keys = app.keyCount
        app.sendKeys(["n", "Enter"])
        try app.waitFor("logged (no answer)")
        #expect(app.keyCount - keys <= 6)
        keys = app.keyCount
        app.sendKeys(["s", "I"])
        try app.waitFor("Call about")
        app.sendKeys(["Tab"])
        app.type("mum: chickenpox")
        app.sendKeys(["Enter"])
        try app.waitFor("now I")
        #expect(app.keyCount - keys - "mum: chickenpox".count <= 6, "a spoke call took \(app.keyCount - keys) keys with the note")

        // A home visit for the pupil now selected, child seen.
        try app.waitUntil("the called pupil leaves the list") { !$0.contains("\(called)  day") && !$0.contains("\(called)  [") }
        let visitedName = try #require(app.capture().first { $0.contains(" of unexplained absence") }?.trimmingCharacters(in: .whitespaces)
            .components(separatedBy: "  ").first)
        let visitedUPN = try #require(names[visitedName])
        app.sendKeys(["l"])
        try app.waitFor("Log a contact")
        app.sendKeys(["BTab", "Right", "Tab", "Tab", "Right", "C-s"])
        try app.waitFor("Home visit logged")

        // The panel: confirm the most urgent recommendation, then override one for an open case.
        app.type(":panel")
        app.sendKeys(["Enter"])
        try app.waitFor("Panel ·")
        let confirmed = try #require(selectedCase(app.capture()))
        keys = app.keyCount
        app.sendKeys(["Enter"])
        try app.waitFor("Confirm:")
        app.type("agreed at the panel")
        app.sendKeys(["Enter"])
        try app.waitFor("Recorded")
        #expect(app.keyCount - keys - "agreed at the panel".count <= 3)
        var overridden = try #require(selectedCase(app.capture()))
        #expect(overridden != confirmed, "after a decision the next case is selected")
        func ambiguous(_ row: String) -> Bool { names[String(row.split(separator: "·")[0]).trimmingCharacters(in: .whitespaces)] == nil }
        for _ in 0..<40 where overridden.hasSuffix("no open case") || overridden.contains("· no open case ·") || ambiguous(overridden) {
            app.sendKeys(["Down"])
            try app.waitUntil("the selection moves") { (selectedCase($0.components(separatedBy: "\n")) ?? "") != overridden }
            overridden = try #require(selectedCase(app.capture()))
        }
        app.sendKeys(["x"])
        try app.waitFor("Decide: close")
        app.type("family moving school next week")
        app.sendKeys(["Enter"])
        try app.waitFor("Recorded")

        // A penalty notice for an eligible pupil, from their page.
        app.type(":pupil \(eligible)")
        app.sendKeys(["Enter"])
        try app.waitFor("Pupil ·")
        app.sendKeys(["p"])
        try app.waitFor("A penalty notice may be requested")
        app.type("12 unauthorised sessions despite the plan")
        app.sendKeys(["Enter"])
        try app.waitFor("Penalty notice requested")
        app.sendKeys(["q"])
        try app.waitForExit()

        // Exactly those records, read back with the commands.
        let calledHistory = try e2e.rollcall(["history", "--store", store, "--pupil", calledUPN])
        #expect(calledHistory.contains("no answer"))
        #expect(calledHistory.contains("spoke (I)"))
        let marks = try e2e.rollcall(["export", "marks", "--store", store, "--from", Self.day, "--as-of", Self.day])
        #expect(marks.contains("\(calledUPN),\(Self.day),PM,I"))
        for upn in [finley, eleni] where upn != calledUPN { #expect(marks.contains("\(upn),\(Self.day),PM,N")) }
        let visited = try e2e.rollcall(["history", "--store", store, "--pupil", visitedUPN])
        #expect(visited.contains("home visit"))
        #expect(visited.contains("child seen"))
        let confirmedName = String(confirmed.split(separator: "·")[0]).trimmingCharacters(in: .whitespaces)
        let confirmedCase = try e2e.rollcall(["case", "show", try #require(names[confirmedName]), "--store", store, "--as-of", Self.day])
        #expect(confirmedCase.contains("agreed at the panel"))
        let overriddenName = String(overridden.split(separator: "·")[0]).trimmingCharacters(in: .whitespaces)
        let overriddenCase = try e2e.rollcall(["case", "show", try #require(names[overriddenName]), "--store", store, "--as-of", Self.day])
        #expect(overriddenCase.contains("family moving school next week"))
        // The caseload agrees: the confirmed case is open at a stage; the overridden one is closed.
        let after = try e2e.rollcall(["caseload", "--store", store, "--as-of", Self.day, "--format", "json"])
        let afterRows = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [[String: Any]])
        let confirmedTrack = confirmed.components(separatedBy: " · ")[1].replacingOccurrences(of: " ", with: "_")
        #expect(afterRows.contains { $0["upn"] as? String == names[confirmedName] && $0["track"] as? String == confirmedTrack && ($0["stage"] as? String) != nil })
        let overriddenTrack = overridden.components(separatedBy: " · ")[1].replacingOccurrences(of: " ", with: "_")
        #expect(!afterRows.contains { $0["upn"] as? String == names[overriddenName] && $0["track"] as? String == overriddenTrack && ($0["stage"] as? String) != nil })
        let penalty = try e2e.rollcall(["case", "show", eligible, "--store", store, "--as-of", Self.day])
        #expect(penalty.contains("Penalty notice requested 30 Nov 2026"))

        // An office login sees the panel but is not offered, and is refused, the decision.
        _ = try e2e.rollcall(["staff", "add", "clerk", "--name", "Office Clerk", "--role", "office", "--not-yet", "--store", store])
        let office = try TmuxSession(binary: TmuxSession.rollcall, arguments: ["--today", Self.day, "--now", "13:40", "--store", store],
                                     environment: ["ROLLCALL_LOGIN": "clerk"], width: 120, height: 40)
        try office.waitFor("q quit", timeout: 15)
        office.type(":panel")
        office.sendKeys(["Enter"])
        try office.waitFor("Panel ·")
        #expect(!(office.capture().last ?? "").contains("confirm"))
        office.sendKeys(["Enter"])
        try office.waitFor("Office staff may not decide at the attendance panel")
        office.sendKeys(["q"])
    }
}
