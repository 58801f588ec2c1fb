extension Casework {
    /// The note that raised a cause for concern about the pupil's attendance this academic
    /// year and has not been lifted by a later one, as of a date; nil when there is none.
    /// Bridgewater Park's Step 4 is "below 90% or cause for concern": staff, not figures,
    /// raise it.
    public func causeForConcern(_ upn: String, asOf date: SchoolDate) -> ContactLogEntry? {
        let year = AcademicYear(containing: date)
        let latest = (contacts[upn] ?? []).filter { $0.concern != nil && $0.on <= date && year.contains($0.on) }.last
        return latest?.concern == true ? latest : nil
    }
}
