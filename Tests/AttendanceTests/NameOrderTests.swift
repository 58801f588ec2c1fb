import Attendance
import Testing

@Suite("Names in the school's order")
struct NameOrderTests {
    @Test func accentedLettersSortWithTheirPlainLetter() {
        let names = ["Dubois", "Zoë", "Dąbrowski", "abbott", "Çelik", "Cole", "Łukasz", "Lewis", "Öztürk", "Owen"]
        #expect(names.sorted(by: NameOrder.precedes) == ["abbott", "Çelik", "Cole", "Dąbrowski", "Dubois", "Lewis", "Łukasz", "Owen", "Öztürk", "Zoë"])
    }

    /// The register and the pupil list follow it.
    @Test func theRollFollowsIt() {
        var school = School(name: "Test")
        for (upn, surname) in [("A1", "Dubois"), ("A2", "Dąbrowski"), ("A3", "Zając")] {
            school.upsert(Pupil(upn: upn, legalSurname: surname, legalForename: "Ann", preferredName: nil, dateOfBirth: SchoolDate("2017-01-01")!,
                                yearGroup: YearGroup(4), registrationGroup: "4A", flags: VulnerabilityFlags(), contacts: []))
        }
        #expect(school.roll.map(\.legalSurname) == ["Dąbrowski", "Dubois", "Zając"])
    }
}
