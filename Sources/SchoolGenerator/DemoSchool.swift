import Attendance

extension SchoolGenerator {
    /// The demo school a newcomer sees first: a one-form-entry primary (Reception to Year 6,
    /// 210 pupils), last year and this year up to the morning of `asOf`, with casework.
    public static func demo(asOf: SchoolDate, policy: Policy) -> SchoolGenerator {
        var g = SchoolGenerator(asOf: asOf)
        g.name = "Demo Primary School"
        g.pupils = 210
        g.years = 2
        g.seed = 2026
        g.policy = policy
        g.demoDetails = true
        return g
    }
}
