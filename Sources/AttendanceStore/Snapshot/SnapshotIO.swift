import Attendance
import Foundation

/// Writes and reads one snapshot generation: a directory of JSON documents, each checked
/// against the CRC the manifest records for it.
enum SnapshotIO {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Writes generation `generation` of `school` into `store`, complete and fsync'd, and
    /// returns its reference for the manifest. Marks years not in `changedYears` are
    /// hard-linked from `previous` rather than written again.
    /// Which contact-log years are in memory, and which changed since `previous`.
    struct ContactYears {
        var loaded: Set<AcademicYear>
        var changed: Set<AcademicYear>?
        static let all = ContactYears(loaded: [], changed: nil)
    }

    static func write(_ school: School, seq: Int, generation: Int, store: String,
                      previous: Snapshot.SnapshotRef?, changedYears: Set<AcademicYear>?,
                      contacts: ContactYears = .all, sharing: StoreSharing? = nil) throws -> Snapshot.SnapshotRef {
        let final = "\(store)/\(Snapshot.generationName(generation))"
        let temp = final + ".tmp"
        try? FileManager.default.removeItem(atPath: temp)
        try? FileManager.default.removeItem(atPath: final)  // left by a compaction that crashed before switching
        do {
            // Words of sensitive entries that are not yet kept apart (a whole school written
            // at once, or a store from before they were) go to `sensitive/` first.
            try SensitiveNotes(store: store, sharing: sharing).keepAll(in: school)
            return try writeGeneration(school, seq: seq, generation: generation, store: store, temp: temp, final: final,
                                       previous: previous, changedYears: changedYears, contacts: contacts)
        } catch {
            // A full disk or a fault: leave no partial generation behind.
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    private static func writeGeneration(_ school: School, seq: Int, generation: Int, store: String, temp: String, final: String,
                                        previous: Snapshot.SnapshotRef?, changedYears: Set<AcademicYear>?,
                                        contacts: ContactYears) throws -> Snapshot.SnapshotRef {
        try SafeFile.makeDirectory("\(store)/\(Snapshot.snapshotsDirectory)")
        try SafeFile.makeDirectory(temp)
        try SafeFile.makeDirectory("\(temp)/\(Snapshot.marksDirectory)")
        var files: [String: String] = [:]

        func put<T: Encodable>(_ value: T, _ name: String) throws {
            let data = try encoder.encode(value)
            try SafeFile.writeNew("\(temp)/\(name)", data)
            files[name] = CRC32.hex(data)
        }

        try put(Snapshot.schoolFile(school), Snapshot.schoolName)
        try put(Snapshot.Pupils(schemaVersion: Snapshot.schemaVersion, pupils: school.roll), Snapshot.pupilsName)
        try put(Snapshot.caseworkFile(school), Snapshot.caseworkName)
        let cw = school.casework

        // The contact log by year: every year in memory when `contacts.changed` is nil (a
        // whole school written at once), else changed years written and the rest carried.
        try SafeFile.makeDirectory("\(temp)/\(Snapshot.contactsDirectory)")
        var entriesByYear: [AcademicYear: [ContactLogEntry]] = [:]
        for upn in cw.contacts.keys.sorted() {
            for e in cw.contacts[upn]! { entriesByYear[AcademicYear(containing: e.on), default: []].append(SensitiveNotes.sealed(e)) }
        }
        let inMemory = contacts.changed == nil ? Set(entriesByYear.keys) : contacts.loaded
        let carriedContacts = Set((previous?.files.keys ?? [:].keys).compactMap { contactsYear(of: $0) })
        for year in inMemory.union(carriedContacts).sorted() {
            let name = Snapshot.contactsName(year)
            let unchanged = !inMemory.contains(year) || (contacts.changed.map { !$0.contains(year) } ?? false)
            if unchanged, let previous, let crc = previous.files[name] {
                let from = "\(store)/\(Snapshot.generationName(previous.generation))/\(name)"
                if link(from, "\(temp)/\(name)") == 0 { files[name] = crc; continue }
                guard inMemory.contains(year) else { throw StoreError(file: from, "cannot be carried into the new snapshot (\(SafeFile.errnoText()))") }
            }
            let entries = (entriesByYear[year] ?? []).sorted { ($0.on, $0.time ?? "", $0.id) < ($1.on, $1.time ?? "", $1.id) }
            try put(Snapshot.ContactsYear(schemaVersion: Snapshot.schemaVersion, academicYear: year.description, entries: entries), name)
        }
        try SafeFile.syncDirectory("\(temp)/\(Snapshot.contactsDirectory)")

        // Years not loaded in memory are unchanged by definition: carried over from `previous`.
        let loaded = Set(school.register.pupils.values.flatMap { $0.years.keys })
        let carried = Set((previous?.files.keys ?? [:].keys).compactMap(marksYear(of:)))
        for year in loaded.union(carried).sorted() {
            let name = Snapshot.marksName(year)
            let unchanged = !loaded.contains(year) || (changedYears.map { !$0.contains(year) } ?? false)
            if unchanged, let previous, let crc = previous.files[name] {
                let from = "\(store)/\(Snapshot.generationName(previous.generation))/\(name)"
                if link(from, "\(temp)/\(name)") == 0 {
                    files[name] = crc
                    continue
                }
                // A year not in memory can only be carried over; never write it empty.
                guard loaded.contains(year) else { throw StoreError(file: from, "cannot be carried into the new snapshot (\(SafeFile.errnoText()))") }
            }
            try put(marksDocument(school.register, year), name)
        }
        try SafeFile.syncDirectory("\(temp)/\(Snapshot.marksDirectory)")
        try SafeFile.syncDirectory(temp)
        guard rename(temp, final) == 0 else { throw StoreError(file: final, "cannot create the snapshot (\(SafeFile.errnoText()))") }
        try SafeFile.syncDirectory("\(store)/\(Snapshot.snapshotsDirectory)")
        return Snapshot.SnapshotRef(generation: generation, seq: seq, files: files)
    }

    static func contactsYear(of name: String) -> AcademicYear? {
        guard name.hasPrefix(Snapshot.contactsDirectory + "/"), name.hasSuffix(".json") else { return nil }
        return AcademicYear(String(name.dropFirst(Snapshot.contactsDirectory.count + 1).dropLast(5)))
    }

    static func contactYears(in ref: Snapshot.SnapshotRef) -> [AcademicYear] {
        ref.files.keys.compactMap(contactsYear(of:)).sorted()
    }

    /// `day`: only that day's entries (see `Store.loadContacts(on:)`).
    static func readContacts(_ year: AcademicYear, from ref: Snapshot.SnapshotRef, store: String, on day: SchoolDate? = nil,
                             into casework: inout Casework) throws {
        let name = Snapshot.contactsName(year)
        let path = "\(store)/\(Snapshot.generationName(ref.generation))/\(name)"
        let doc = try SnapshotReaders.contacts(try checkedBytes(ref, store: store, name: name), file: path, on: day)
        try JSONFile.checkVersion(doc.schemaVersion, file: path)
        let sensitive = SensitiveNotes(store: store, sharing: nil)
        for e in doc.entries { casework.put(e.heldApart == true ? sensitive.filled(e) : e) }
    }

    /// The academic year a snapshot file name holds marks for, if it is a marks file.
    static func marksYear(of name: String) -> AcademicYear? {
        guard name.hasPrefix(Snapshot.marksDirectory + "/"), name.hasSuffix(".json") else { return nil }
        return AcademicYear(String(name.dropFirst(Snapshot.marksDirectory.count + 1).dropLast(5)))
    }

    static func marksDocument(_ register: Register, _ year: AcademicYear) -> Snapshot.MarksYear {
        var codes: [String: String] = [:]
        var details: [String: [String: MarkDetail]] = [:]
        for (upn, pupil) in register.pupils {
            if let bytes = pupil.bytes(for: year), bytes.contains(where: { $0 != 0 }) { codes[upn] = MarkString.encode(bytes) }
            for (ordinal, detail) in pupil.details {
                let s = Session(ordinal: ordinal)
                if year.contains(s.date) { details[upn, default: [:]][s.storageKey] = detail }
            }
        }
        return Snapshot.MarksYear(schemaVersion: Snapshot.schemaVersion, academicYear: year.description,
                                  firstDay: year.firstDay, codes: codes, details: details)
    }

    /// Reads a generation's school and pupils, and the marks of the years `loadYear` picks,
    /// checking each file against the CRC the manifest lists for it.
    static func read(_ ref: Snapshot.SnapshotRef, store: String, loadYear: (AcademicYear) -> Bool) throws -> School {
        for name in [Snapshot.schoolName, Snapshot.pupilsName] where ref.files[name] == nil {
            throw StoreError(file: "\(store)/\(Snapshot.manifestName)", "lists no \(name) for snapshot \(ref.generation)")
        }
        let dir = "\(store)/\(Snapshot.generationName(ref.generation))"
        let file = "\(dir)/\(Snapshot.schoolName)"
        let info = try JSONFile.decode(Snapshot.SchoolFile.self, from: Data(try checkedBytes(ref, store: store, name: Snapshot.schoolName)), file: file)
        var school = try Snapshot.school(from: info, file: file,
                                         damaged: ", which is not CLASS|YYYY-MM-DD|AM|login. Restore the store from a backup (nothing was changed)")
        school.load(pupils: try SnapshotReaders.pupils(try checkedBytes(ref, store: store, name: Snapshot.pupilsName), file: "\(dir)/\(Snapshot.pupilsName)"))
        if ref.files[Snapshot.caseworkName] != nil {
            let path = "\(dir)/\(Snapshot.caseworkName)"
            try SnapshotReaders.casework(try checkedBytes(ref, store: store, name: Snapshot.caseworkName), file: path, into: &school.casework)
            SensitiveNotes(store: store, sharing: nil).fill(&school.casework)
        }
        for year in years(in: ref) where loadYear(year) {
            try readYear(year, from: ref, store: store, into: &school.register)
        }
        return school
    }

    /// The academic years a snapshot has marks for, oldest first.
    static func years(in ref: Snapshot.SnapshotRef) -> [AcademicYear] {
        ref.files.keys.compactMap(marksYear(of:)).sorted()
    }

    static func readYear(_ year: AcademicYear, from ref: Snapshot.SnapshotRef, store: String, into register: inout Register) throws {
        let name = Snapshot.marksName(year)
        let path = "\(store)/\(Snapshot.generationName(ref.generation))/\(name)"
        try SnapshotReaders.marks(try checkedBytes(ref, store: store, name: name), file: path, into: &register)
    }

    /// A file's bytes, after checking them against the manifest's CRC.
    static func checkedBytes(_ ref: Snapshot.SnapshotRef, store: String, name: String) throws -> [UInt8] {
        let path = "\(store)/\(Snapshot.generationName(ref.generation))/\(name)"
        let bytes = try SafeFile.readBytes(path)
        guard let expected = ref.files[name] else { throw StoreError(file: path, "is not listed in \(Snapshot.manifestName)") }
        guard CRC32.hex(bytes) == expected else {
            throw StoreError(file: path, "does not match its checksum in \(Snapshot.manifestName): it was changed or damaged. Restore the store from a backup in \(store)/\(Snapshot.backupsDirectory) (nothing was changed)")
        }
        return bytes
    }

    static func loadMarks(_ doc: Snapshot.MarksYear, file: String, into register: inout Register) throws {
        try JSONFile.checkVersion(doc.schemaVersion, file: file)
        guard let year = AcademicYear(doc.academicYear), year.firstDay == doc.firstDay else {
            throw StoreError(file: file, "academicYear \(doc.academicYear) does not start on \(doc.firstDay)")
        }
        for (upn, text) in doc.codes {
            guard let bytes = MarkString.decode(text, expectedCount: year.sessionSlotCount) else {
                throw StoreError(file: file, "the marks of \(upn) are damaged (unknown character or wrong length); restore this file from a backup")
            }
            register.load(upn: upn, year: year, bytes: bytes)
        }
        for (upn, byKey) in doc.details {
            for (key, detail) in byKey {
                guard let session = Session(storageKey: key), year.contains(session.date) else {
                    throw StoreError(file: file, "detail key \"\(key)\" for \(upn) is not a session of \(year)")
                }
                register.loadDetail(upn: upn, session: session, detail: detail)
            }
        }
    }
}

/// Decoding with errors that name the file and where in it.
enum JSONFile {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw StoreError(file: file, "is damaged: \(describe(error)); restore it from a backup (nothing was changed)")
        } catch {
            throw StoreError(file: file, "is damaged: \(error); restore it from a backup (nothing was changed)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, at file: String) throws -> T {
        try decode(type, from: try SafeFile.read(file), file: file)
    }

    static func checkVersion(_ version: Int, file: String) throws {
        if version > Snapshot.schemaVersion {
            throw StoreError(file: file, "was written by a newer Rollcall (schemaVersion \(version); this one reads up to \(Snapshot.schemaVersion)); upgrade Rollcall to open it (nothing was changed)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            let p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p)"
        }
        switch error {
        case .dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "invalid JSON\(path(ctx)) (\(underlying ?? ctx.debugDescription))"
        case .keyNotFound(let key, let ctx): return "missing \"\(key.stringValue)\"\(path(ctx))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(ctx.debugDescription)\(path(ctx))"
        @unknown default: return "\(error)"
        }
    }
}
