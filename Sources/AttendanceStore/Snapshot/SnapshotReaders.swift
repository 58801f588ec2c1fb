import Attendance

/// Fast readers for the store's large documents; they accept exactly what `JSONEncoder`
/// writes for `Snapshot.Pupils` and `Snapshot.MarksYear` (tests pin the round trip).
enum SnapshotReaders {
    static func pupils(_ data: [UInt8], file: String) throws -> [Pupil] {
        do {
            return try JSONReader.read(data) { r in
                var version = 0
                var pupils: [Pupil] = []
                try r.fields { key in
                    switch key {
                    case "schemaVersion": version = try r.int()
                    case "pupils": try r.array { pupils.append(try pupil(r)) }
                    default: try r.skip()
                    }
                }
                try JSONFile.checkVersion(version, file: file)
                return pupils
            }
        } catch let e as JSONReader.Malformed {
            throw StoreError(file: file, "is damaged: invalid JSON (\(e)); restore it from a backup (nothing was changed)")
        }
    }

    private static func pupil(_ r: JSONReader) throws -> Pupil {
        var upn: String?, surname: String?, forename: String?, preferred: String?, group: String?
        var dob: SchoolDate?, year: YearGroup?, leaving: SchoolDate?, destination: String?
        var flags = VulnerabilityFlags()
        var contacts: [Contact] = []
        try r.fields { key in
            switch key {
            case "upn": upn = try r.string()
            case "legalSurname": surname = try r.string()
            case "legalForename": forename = try r.string()
            case "preferredName": preferred = try r.null() ? nil : try r.string()
            case "registrationGroup": group = try r.string()
            case "dateOfBirth":
                let text = try r.string()
                guard let d = SchoolDate(text) else { throw r.fail("date of birth \"\(text)\" is not a date") }
                dob = d
            case "yearGroup":
                let text = try r.string()
                guard let y = YearGroup(parsing: text) else { throw r.fail("\"\(text)\" is not a year group") }
                year = y
            case "flags":
                try r.fields { flag in
                    let v = try r.bool()
                    switch flag {
                    case "senSupport": flags.senSupport = v
                    case "ehcp": flags.ehcp = v
                    case "pupilPremium": flags.pupilPremium = v
                    case "freeSchoolMeals": flags.freeSchoolMeals = v
                    case "childInNeed": flags.childInNeed = v
                    case "childProtection": flags.childProtection = v
                    case "lookedAfter": flags.lookedAfter = v
                    case "englishAdditionalLanguage": flags.englishAdditionalLanguage = v
                    case "youngCarer": flags.youngCarer = v
                    case "hasSocialWorker": flags.hasSocialWorker = v
                    default: break
                    }
                }
            case "contacts": try r.array { contacts.append(try contact(r)) }
            case "leavingOn":
                if try r.null() { break }
                let text = try r.string()
                guard let d = SchoolDate(text) else { throw r.fail("leaving date \"\(text)\" is not a date") }
                leaving = d
            case "destination": destination = try r.null() ? nil : try r.string()
            default: try r.skip()
            }
        }
        guard let upn, let surname, let forename, let dob, let year, let group else { throw r.fail("a pupil is missing a required field") }
        return Pupil(upn: upn, legalSurname: surname, legalForename: forename, preferredName: preferred, dateOfBirth: dob,
                     yearGroup: year, registrationGroup: group, flags: flags, contacts: contacts,
                     leavingOn: leaving, destination: destination)
    }

    private static func contact(_ r: JSONReader) throws -> Contact {
        var name: String?, relationship: String?
        var phones: [String] = []
        var pr = false, lives = false
        var address: String?
        try r.fields { key in
            switch key {
            case "name": name = try r.string()
            case "relationship": relationship = try r.string()
            case "phones": try r.array { phones.append(try r.string()) }
            case "parentalResponsibility": pr = try r.bool()
            case "livesWithPupil": lives = try r.bool()
            case "address": address = try r.null() ? nil : try r.string()
            default: try r.skip()
            }
        }
        guard let name, let relationship else { throw r.fail("a contact is missing its name or relationship") }
        return Contact(name: name, relationship: relationship, phones: phones, parentalResponsibility: pr, livesWithPupil: lives, address: address)
    }


    /// Reads a year of marks straight into the register: mark strings become bytes with no
    /// String in between.
    static func marks(_ data: [UInt8], file: String, into register: inout Register) throws {
        do {
            var version = 0
            var yearText = "", firstDayText = ""
            var codes: [(String, [UInt8])] = []
            var details: [(String, [(String, MarkDetail)])] = []
            let table = MarkString.byteForASCII
            try JSONReader.read(data) { r in
                try r.fields { key in
                    switch key {
                    case "schemaVersion": version = try r.int()
                    case "academicYear": yearText = try r.string()
                    case "firstDay": firstDayText = try r.string()
                    case "codes":
                        try r.object { upn in
                            let raw = try r.plainStringBytes()
                            var bad: UInt8? = nil
                            let bytes = [UInt8](unsafeUninitializedCapacity: raw.count) { out, count in
                                table.withUnsafeBufferPointer { t in
                                    for k in 0..<raw.count {
                                        let b = t[Int(raw[k])]
                                        if b == 0xFF { bad = raw[k] }
                                        out[k] = b
                                    }
                                }
                                count = raw.count
                            }
                            if let bad { throw StoreError(file: file, "the marks of \(upn) are damaged (unknown character \"\(Character(Unicode.Scalar(bad)))\"); restore this file from a backup") }
                            codes.append((upn, bytes))
                        }
                    case "details":
                        try r.object { upn in
                            var forPupil: [(String, MarkDetail)] = []
                            defer { details.append((upn, forPupil)) }
                            try r.object { sessionKey in
                                var d = MarkDetail()
                                try r.fields { field in
                                    switch field {
                                    case "minutesLate": d.minutesLate = try r.null() ? nil : try r.int()
                                    case "comment": d.comment = try r.null() ? nil : try r.string()
                                    default: try r.skip()
                                    }
                                }
                                forPupil.append((sessionKey, d))
                            }
                        }
                    default: try r.skip()
                    }
                }
            }
            try JSONFile.checkVersion(version, file: file)
            guard let year = AcademicYear(yearText), year.firstDay.description == firstDayText else {
                throw StoreError(file: file, "academicYear \(yearText) does not start on \(firstDayText)")
            }
            for (upn, bytes) in codes {
                guard bytes.count == year.sessionSlotCount else {
                    throw StoreError(file: file, "the marks of \(upn) are damaged (\(bytes.count) sessions, not \(year.sessionSlotCount)); restore this file from a backup")
                }
                register.load(upn: upn, year: year, bytes: bytes)
            }
            for (upn, entries) in details {
                var loaded: [(Session, MarkDetail)] = []
                loaded.reserveCapacity(entries.count)
                for (key, detail) in entries {
                    guard let session = Session(storageKey: key), year.contains(session.date) else {
                        throw StoreError(file: file, "detail key \"\(key)\" for \(upn) is not a session of \(year)")
                    }
                    loaded.append((session, detail))
                }
                register.loadDetails(upn: upn, loaded)
            }
        } catch let e as JSONReader.Malformed {
            throw StoreError(file: file, "is damaged: invalid JSON (\(e)); restore it from a backup (nothing was changed)")
        }
    }
}
