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

    /// `roll` makes each name's key once; its order is exactly `rollOrder`'s, whatever the
    /// scripts, cases, accents, classes and shared names.
    @Test func theRollIsExactlyRollOrder() {
        var school = School(name: "Test")
        let surnames = ["Dubois", "dubois", "Dąbrowski", "Zając", "李", "Ó Briain", "O'Brien", "Öztürk", "Owen", "Smith", "SMITH", "Smith"]
        let forenames = ["Ann", "ann", "Zoë", "Zoe", "小龙", "Łucja", "Lucy"]
        var n = 0
        for (i, surname) in surnames.enumerated() {
            for (j, forename) in forenames.enumerated() where (i + j) % 3 != 0 {
                n += 1
                school.upsert(Pupil(upn: "A\(1000 + n)", legalSurname: surname, legalForename: forename, preferredName: j == 2 ? "Bruce" : nil,
                                    dateOfBirth: SchoolDate("2017-01-01")!, yearGroup: YearGroup(3 + n % 2), registrationGroup: n % 4 < 2 ? "A" : "B",
                                    flags: VulnerabilityFlags(), contacts: []))
            }
        }
        for (upn, group, year) in [("B1", "0Z", 4), ("B2", "9Y", 3)] {
            school.upsert(Pupil(upn: upn, legalSurname: "Lee", legalForename: "Kim", preferredName: nil, dateOfBirth: SchoolDate("2017-01-01")!,
                                yearGroup: YearGroup(year), registrationGroup: group, flags: VulnerabilityFlags(), contacts: []))
        }
        #expect(school.roll.map(\.upn) == school.pupils.values.sorted(by: School.rollOrder).map(\.upn))
        var seen = Set<String>()
        let groups = school.pupils.values.sorted(by: School.rollOrder).compactMap { seen.insert($0.registrationGroup).inserted ? $0.registrationGroup : nil }
        #expect(school.registrationGroups == groups)
    }
}
