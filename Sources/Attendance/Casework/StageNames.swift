extension Policy {
    /// The name the policy gives a stage ("Step 1: attendance starting to fall below 97%"),
    /// or the id when the policy has no such stage.
    public func stageName(_ stage: String, track: String) -> String {
        tracks.first { $0.id == track }?.stages.first { $0.id == stage }?.name ?? stage
    }

    /// The stage's name up to its first colon ("Step 1", "Day 2"): short enough for a column.
    public func shortStageName(_ stage: String, track: String) -> String {
        let name = stageName(stage, track: track)
        return name.split(separator: ":", maxSplits: 1).first.map { String($0).trimmingSpaces() } ?? name
    }
}
