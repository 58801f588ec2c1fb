import Attendance

/// Pupils with contacts and vulnerability flags at roughly national rates.
enum PupilGenerator {
    static func pupils(count: Int, yearGroups: [YearGroup], formsPerYear: Int, asOf: SchoolDate, seed: UInt64) -> [Pupil] {
        var result: [Pupil] = []
        let perYear = max(1, count / yearGroups.count)
        for index in 0..<count {
            var rng = SeededRandom(seed: seed, 1, index)
            let year = yearGroups[min(index / perYear, yearGroups.count - 1)]
            let form = index % formsPerYear
            let family = Names.background(&rng)
            let girl = rng.chance(0.5)
            let surname = rng.pick(family.surnames)
            let forename = rng.pick(girl ? family.girls : family.boys)
            // Born in the academic year that puts them in `year` now.
            let schoolYear = AcademicYear(containing: asOf).startYear - year.value - 5
            let dob = SchoolDate(year: schoolYear, month: 9, day: 1)!.adding(days: rng.int(0...364))
            var flags = VulnerabilityFlags()
            flags.pupilPremium = rng.chance(0.26)
            flags.freeSchoolMeals = flags.pupilPremium && rng.chance(0.85)
            flags.senSupport = rng.chance(0.13)
            flags.ehcp = !flags.senSupport && rng.chance(0.03)
            flags.englishAdditionalLanguage = family.weight < 60 ? rng.chance(0.6) : rng.chance(0.03)
            flags.childInNeed = rng.chance(0.03)
            flags.childProtection = !flags.childInNeed && rng.chance(0.012)
            flags.lookedAfter = rng.chance(0.008)
            flags.youngCarer = rng.chance(0.02)
            flags.hasSocialWorker = flags.childInNeed || flags.childProtection || flags.lookedAfter || rng.chance(0.01)
            let upn = upnFor(index: index, seed: seed)
            let preferred = forename == "Muhammad" && rng.chance(0.5) ? "Mo" : (rng.chance(0.03) ? String(forename.prefix(3)) : nil)
            let formLetter = String("ABCDEFGHJKLMNPQRSTUVWXYZ".map { $0 }[form % 24])
            let group = year.value <= 0 ? "\(year.description)\(formLetter)" : "\(year.value)\(formLetter)"
            result.append(Pupil(upn: upn, legalSurname: surname, legalForename: forename, preferredName: preferred,
                                dateOfBirth: dob, yearGroup: year, registrationGroup: group, flags: flags,
                                contacts: contacts(surname: surname, family: family, lookedAfter: flags.lookedAfter, rng: &rng)))
        }
        return result
    }

    /// A UPN-shaped key: a letter and 12 digits, unique per index and seed.
    static func upnFor(index: Int, seed: UInt64) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
        let n = String(100_000_000_000 + (Int(seed % 900) * 1_000_000) + index)
        return String(letters[(index + Int(seed % 23)) % letters.count]) + String(n.suffix(12))
    }

    /// Ofcom's numbers reserved for drama: 07700 900000–900999 and 01632 960000–960999.
    static func phone(_ rng: inout SeededRandom) -> String {
        rng.chance(0.7) ? "07700 900\(String(format3(rng.int(0...999))))" : "01632 960\(String(format3(rng.int(0...999))))"
    }

    static func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }

    static let streets = ["Mill Lane", "Church Street", "Victoria Road", "Park Avenue", "Station Road", "Chapel Row",
                          "Oak Crescent", "Beech Grove", "Albert Terrace", "Moor View"]
    static let towns = [("Leeds", "LS6"), ("Leeds", "LS8"), ("Bradford", "BD3"), ("Wakefield", "WF1"), ("Halifax", "HX1")]

    /// A plausible UK postal address worked out from the household's name, not drawn from the
    /// generator, so adding addresses left every other demo figure as it was.
    static func address(_ household: String) -> String {
        let h = household.unicodeScalars.reduce(UInt32(17)) { ($0 &* 31) &+ $1.value }
        let (town, district) = towns[Int(h % UInt32(towns.count))]
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        let code = "\(district) \(h % 9 + 1)\(letters[Int(h / 7 % 20)])\(letters[Int(h / 131 % 20)])"
        return "\(h % 180 + 1) \(streets[Int(h / 3 % UInt32(streets.count))]), \(town), \(code)"
    }

    static func contacts(surname: String, family: Names.Background, lookedAfter: Bool, rng: inout SeededRandom) -> [Contact] {
        let list = contactsWithoutAddresses(surname: surname, family: family, lookedAfter: lookedAfter, rng: &rng)
        let home = address(list[0].name)
        return list.map { c in
            var c = c
            if c.relationship == "Social worker" { c.address = "Children's Services, Civic Centre, Leeds, LS1 1UR" }
            else if c.livesWithPupil || c.relationship == "Foster carer" { c.address = home }
            else { c.address = address(c.name) }
            return c
        }
    }

    /// A family as real ones are: a mother with a woman's name and a father with a man's,
    /// from the child's background; most children share their father's surname, and a
    /// mother shares it unless she kept her own (as is usual in some backgrounds) or the
    /// parents are apart; grandparents, aunts and uncles of the same background.
    static func contactsWithoutAddresses(surname: String, family: Names.Background, lookedAfter: Bool, rng: inout SeededRandom) -> [Contact] {
        var used: Set<String> = []
        func first(_ names: [String]) -> String {
            let left = names.filter { !used.contains($0) }
            let name = rng.pick(left.isEmpty ? names : left)
            used.insert(name)
            return name
        }
        func otherSurname() -> String {
            let others = family.surnames.filter { $0 != surname }
            return others.isEmpty ? surname : rng.pick(others)
        }
        if lookedAfter {
            let carers = Names.backgrounds[0]
            let woman = rng.chance(0.7)
            return [Contact(name: "\(first(woman ? carers.women : carers.men)) \(rng.pick(carers.surnames))", relationship: "Foster carer",
                            phones: [phone(&rng)], parentalResponsibility: false, livesWithPupil: true),
                    Contact(name: "Children's Services duty team", relationship: "Social worker", phones: ["01632 960100"],
                            parentalResponsibility: true, livesWithPupil: false)]
        }
        let together = rng.chance(0.7)
        let mothersSurname = family.womenKeepSurname || (!together && rng.chance(0.5)) || rng.chance(0.1)
            ? family.feminine(otherSurname()) : family.feminine(surname)
        let mother = Contact(name: "\(first(family.women)) \(mothersSurname)", relationship: "Mother", phones: [phone(&rng)],
                             parentalResponsibility: true, livesWithPupil: true)
        let father = Contact(name: "\(first(family.men)) \(rng.chance(0.92) ? surname : otherSurname())", relationship: "Father",
                             phones: [phone(&rng)], parentalResponsibility: true, livesWithPupil: together)
        var list = rng.chance(0.8) ? [mother] : [father]
        if rng.chance(0.5) { list[0].phones.append(phone(&rng)) }
        if rng.chance(0.75) {
            var second = list[0].relationship == "Mother" ? father : mother
            second.livesWithPupil = together
            list.append(second)
        }
        if rng.chance(0.6) {
            let relationship = rng.pick(["Grandmother", "Grandfather", "Aunt", "Uncle", "Family friend"])
            let woman = ["Grandmother", "Aunt"].contains(relationship) || (relationship == "Family friend" && rng.chance(0.6))
            let name = first(woman ? family.women : family.men)
            let family2 = relationship.hasPrefix("Grand") && !woman ? surname : (woman ? family.feminine(otherSurname()) : otherSurname())
            list.append(Contact(name: "\(name) \(family2)", relationship: relationship, phones: [phone(&rng)]))
        }
        return list
    }
}
