import Attendance
import AttendanceStore
import Foundation
import Testing

@Suite("Policy files: every kind of error names the file and the field")
struct PolicyFileTests {
    /// The Bridgewater preset as a JSON object, to damage one field at a time.
    func preset() throws -> [String: Any] {
        let json = try PolicyFile.encode(try PolicyFile.preset("bridgewater-park"))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func problems(_ edit: (inout [String: Any]) throws -> Void) throws -> String {
        var p = try preset()
        try edit(&p)
        let data = try JSONSerialization.data(withJSONObject: p)
        do {
            _ = try PolicyFile.load(data, file: "policies/school.json")
            return ""
        } catch let e as PolicyFileError {
            return e.description
        }
    }

    func stage(_ p: inout [String: Any], track: Int, stage: Int, _ edit: (inout [String: Any]) throws -> Void) throws {
        var tracks = try #require(p["tracks"] as? [[String: Any]])
        var stages = try #require(tracks[track]["stages"] as? [[String: Any]])
        try edit(&stages[stage])
        tracks[track]["stages"] = stages
        p["tracks"] = tracks
    }

    @Test func theUnchangedPresetLoads() throws {
        #expect(try problems { _ in } == "")
    }

    @Test func anUnknownMeasure() throws {
        let e = try problems { p in try stage(&p, track: 0, stage: 0) { $0["entry"] = ["measure": "attendance_pct", "below": 97] } }
        #expect(e.contains("policies/school.json: tracks[0].stages[0].entry.measure: unknown measure \"attendance_pct\""))
    }

    @Test func aStageThatCanNeverBeReached() throws {
        let contradictory = try problems { p in
            try stage(&p, track: 0, stage: 2) { $0["entry"] = ["all": [["measure": "attendance_percent_year", "below": 90], ["measure": "attendance_percent_year", "atLeast": 95]]] }
        }
        #expect(contradictory.contains("tracks[0].stages[2].entry: can never hold, so stage \"step-4\" can never be reached"))
        let outOfRange = try problems { p in try stage(&p, track: 0, stage: 0) { $0["entry"] = ["measure": "attendance_percent_year", "below": 0] } }
        #expect(outOfRange.contains("tracks[0].stages[0].entry: can never hold"))
        let noWayIn = try problems { p in
            try stage(&p, track: 0, stage: 0) { s in
                var review = try #require(s["atReview"] as? [String: Any])
                review["ifNotImproved"] = "hold"
                s["atReview"] = review
            }
            try stage(&p, track: 0, stage: 1) { $0.removeValue(forKey: "entry") }
        }
        #expect(noWayIn.contains("tracks[0].stages[1]: has no entry rule and the stage before does not escalate into it"))
    }

    @Test func aMissingTemplate() throws {
        let e = try problems { p in
            try stage(&p, track: 0, stage: 0) { s in
                var actions = try #require(s["actions"] as? [[String: Any]])
                actions[0]["template"] = "no-such-letter"
                s["actions"] = actions
            }
        }
        #expect(e.contains("tracks[0].stages[0].actions[0].template: no letter template \"no-such-letter\""))
    }

    @Test func aMissingTrackBadRolesAndReviews() throws {
        let e = try problems { p in
            var tracks = try #require(p["tracks"] as? [[String: Any]])
            tracks.removeAll { $0["id"] as? String == "punctuality" }
            p["tracks"] = tracks
            try stage(&p, track: 0, stage: 0) { s in
                var actions = try #require(s["actions"] as? [[String: Any]])
                actions[0]["owner"] = "caretaker"
                s["actions"] = actions
                var review = try #require(s["atReview"] as? [String: Any])
                review["ifImproved"] = "celebrate"
                s["atReview"] = review
            }
        }
        #expect(e.contains("tracks: missing the \"punctuality\" track"))
        #expect(e.contains("tracks[0].stages[0].actions[0].owner: \"caretaker\" is not a role"))
        #expect(e.contains("tracks[0].stages[0].atReview.ifImproved: must be close, step_down or hold"))
    }

    @Test func malformedJSONAndWrongTypes() throws {
        #expect(throws: PolicyFileError.self) { try PolicyFile.load(Data("{\"id\": ".utf8), file: "x.json") }
        let e = try problems { p in p["bands"] = "green" }
        #expect(e.contains("policies/school.json:") && e.contains("bands"))
    }

    @Test func bandsMustDescendAndCoverZero() throws {
        let e = try problems { p in p["bands"] = [["name": "low", "atLeast": 50], ["name": "high", "atLeast": 90]] }
        #expect(e.contains("bands[1].atLeast: bands must go from highest to lowest"))
        #expect(e.contains("bands: the last band must start at 0"))
    }
}
