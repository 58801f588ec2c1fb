import Attendance
import AttendanceStore
import SchoolGenerator
import Testing

@Suite struct DemoFamiliesTests {
    /// Issue 10: the demo had a mother called Imran, two parents both called Mark, and Greek
    /// first names with French surnames in one family. A contact's first name fits their
    /// relationship; a family's names come from one background; surnames are shared or not as
    /// real families' are (most children share a parent's, not every parent shares the child's).
    @Test func demoFamiliesArePlausible() throws {
        let school = SchoolGenerator.demo(asOf: SchoolDate("2026-11-30")!, policy: try PolicyFile.preset("bridgewater-park")).generate()
        var sharesAParentsSurname = 0, parentWithOtherSurname = 0
        for pupil in school.roll {
            let pupilBackgrounds = Set(Names.backgrounds(ofFirstName: pupil.legalForename))
            #expect(!pupilBackgrounds.isEmpty, "\(pupil.legalForename)")
            let parents = pupil.contacts.filter { ["Mother", "Father"].contains($0.relationship) }
            let firstNames = pupil.contacts.map { $0.name.split(separator: " ").first.map(String.init) ?? "" }
            #expect(Set(firstNames).count == firstNames.count, "\(pupil.fullName): \(pupil.contacts.map(\.name))")
            for c in pupil.contacts where c.relationship != "Social worker" {
                let first = String(c.name.split(separator: " ").first ?? "")
                if let woman = Names.isWomansName(first) {
                    switch c.relationship {
                    case "Mother", "Grandmother", "Aunt": #expect(woman, "\(pupil.fullName): \(c.relationship) \(c.name)")
                    case "Father", "Grandfather", "Uncle": #expect(!woman, "\(pupil.fullName): \(c.relationship) \(c.name)")
                    default: break
                    }
                } else {
                    Issue.record("\(c.name): not a known adult's name")
                }
                if parents.contains(c) {
                    #expect(!pupilBackgrounds.isDisjoint(with: Names.backgrounds(ofFirstName: first)), "\(pupil.fullName): \(c.relationship) \(c.name)")
                }
            }
            if parents.contains(where: { Names.sameFamilyName($0.name, pupil.legalSurname) }) { sharesAParentsSurname += 1 }
            if parents.contains(where: { !Names.sameFamilyName($0.name, pupil.legalSurname) }) { parentWithOtherSurname += 1 }
        }
        let n = school.roll.count
        #expect(sharesAParentsSurname * 10 >= n * 8, "\(sharesAParentsSurname) of \(n) share a parent's surname")
        #expect(parentWithOtherSurname > 0 && parentWithOtherSurname < n / 2, "\(parentWithOtherSurname) of \(n) have a parent with another surname")
    }
}
