import Attendance

/// Fast reading of a year of the contact log (`contacts/YYYY-YY.json`, thousands of entries):
/// field by field, as the pupils and marks are read. `JSONDecoder` took about half of
/// `rollcall trust`'s time on these files. Accepts exactly what `JSONEncoder` writes for
/// `Snapshot.ContactsYear`, and asks for the same fields the synthesized `Codable` does (a
/// test pins the round trip).
extension SnapshotReaders {
    /// `day`: only the entries of that day, the rest skipped without being made (a day's
    /// calls are all the trust view counts).
    static func contacts(_ data: [UInt8], file: String, on day: SchoolDate? = nil) throws -> (schemaVersion: Int, entries: [ContactLogEntry]) {
        do {
            return try JSONReader.read(data) { r in
                var version = 0
                var entries: [ContactLogEntry] = []
                try r.fields { key in
                    switch key {
                    case "schemaVersion": version = try r.int()
                    case "entries":
                        try r.array {
                            if let day {
                                let start = r.offset
                                var on: SchoolDate?
                                try r.fields { field in
                                    switch field {
                                    case "on": on = try r.date()
                                    default: try r.skip()
                                    }
                                }
                                guard on == day else { return }
                                r.rewind(to: start)
                            }
                            entries.append(try contactEntry(r))
                        }
                    default: try r.skip()
                    }
                }
                return (version, entries)
            }
        } catch let e as JSONReader.Malformed {
            throw StoreError(file: file, "is damaged: invalid JSON (\(e)); restore it from a backup (nothing was changed)")
        }
    }

    private static func contactEntry(_ r: JSONReader) throws -> ContactLogEntry {
        var id: String?, upn: String?, kind: ContactLogEntry.Kind?, on: SchoolDate?, by: String?, byName: String?
        var text: String?, sensitive: Bool?
        var e = ContactLogEntry(upn: "", kind: .note, on: SchoolDate(dayNumber: 0))
        try r.fields { key in
            switch key {
            case "id": id = try r.string()
            case "upn": upn = try r.string()
            case "kind":
                let raw = try r.string()
                guard let k = ContactLogEntry.Kind(rawValue: raw) else { throw r.fail("unknown kind of contact \"\(raw)\"") }
                kind = k
            case "on": on = try r.date()
            case "time": e.time = try r.optionalString()
            case "by": by = try r.string()
            case "byName": byName = try r.string()
            case "contactName": e.contactName = try r.optionalString()
            case "number": e.number = try r.optionalString()
            case "outcome":
                if try r.null() { break }
                let raw = try r.string()
                guard let o = ContactLogEntry.CallOutcome(rawValue: raw) else { throw r.fail("unknown call outcome \"\(raw)\"") }
                e.outcome = o
            case "reasonCode":
                if try r.null() { break }
                let raw = try r.string()
                guard let c = AttendanceCode(rawValue: raw) else { throw r.fail("unknown code \"\(raw)\"") }
                e.reasonCode = c
            case "visitedBy": e.visitedBy = try r.null() ? nil : try r.strings()
            case "childSeen": e.childSeen = try r.null() ? nil : try r.bool()
            case "adultSpokenTo": e.adultSpokenTo = try r.optionalString()
            case "template": e.template = try r.optionalString()
            case "text": text = try r.string()
            case "followUp": e.followUp = try r.optionalDate()
            case "sensitive": sensitive = try r.bool()
            case "heldApart": e.heldApart = try r.null() ? nil : try r.bool()
            case "concern": e.concern = try r.null() ? nil : try r.bool()
            default: try r.skip()
            }
        }
        guard let id, let upn, let kind, let on, let by, let byName, let text, let sensitive else {
            throw r.fail("a contact log entry is missing its id, pupil, kind, date, author, text or sensitivity")
        }
        e.id = id
        e.upn = upn
        e.kind = kind
        e.on = on
        e.by = by
        e.byName = byName
        e.text = text
        e.sensitive = sensitive
        return e
    }
}
