import Attendance

/// A fictional trust: many schools of mixed size, phase and policy, each its own seeded
/// school, deterministic for the trust's seed (`rollcall demo --trust N`, the benchmark).
public enum TrustGenerator {
    public struct SchoolPlan: Hashable, Sendable {
        public var name: String
        public var pupils: Int
        /// A policy preset id from `Data/policies/`.
        public var policy: String
        public var seed: UInt64
        /// "school-07": the store directory's name.
        public var directory: String
    }

    static let places = ["Ashby", "Brookfield", "Castleton", "Dunmore", "Elmstead", "Fairholme", "Greenhill", "Hartley",
                         "Ivybridge", "Juniper Park", "Kingsmead", "Longford", "Millbrook", "Northgate", "Oakwood",
                         "Parkside", "Queensbury", "Riverside", "Southfield", "Thornbury", "Upton", "Valley Road",
                         "Westbury", "Yarrow", "Abbey Lane", "Beech Grove", "Church Hill", "Deepdale", "Eastfield"]
    /// Primary rolls from one form of entry (half a form in the smallest) to three.
    static let primarySizes = [105, 210, 210, 315, 420, 420, 630]
    /// Secondary rolls (Years 7–11): four to eight forms.
    static let secondarySizes = [750, 900, 1050, 1200]

    /// `count` schools: about one in five secondary, each with one of `policies` (preset ids).
    public static func plan(count: Int, seed: UInt64, policies: [String]) -> [SchoolPlan] {
        var rng = SeededRandom(seed: seed, 23)
        let width = String(count).count
        return (0..<count).map { i in
            let secondary = Int.random(in: 0..<5, using: &rng) == 0
            let pupils = secondary ? secondarySizes.randomElement(using: &rng)! : primarySizes.randomElement(using: &rng)!
            let place = places[i % places.count] + (i >= places.count ? " \(i / places.count + 1)" : "")
            let name = secondary ? "\(place) Academy" : "\(place) Primary School"
            let number = String(i + 1)
            return SchoolPlan(name: name, pupils: pupils, policy: policies.isEmpty ? "" : policies[i % policies.count],
                              seed: seed &* 1000 &+ UInt64(i + 1),
                              directory: "school-" + String(repeating: "0", count: max(0, width - number.count)) + number)
        }
    }
}
