import Attendance

/// Some of a trust's schools as the driver finished reading them (`--stores`): each store
/// takes tens of milliseconds, fifty take most of a second, so the table fills as they come,
/// in whatever order they finish. `generation` is the read's (`loadTrust(generation:)`):
/// a part of an older read is dropped, never added twice.
public struct TrustPart: Sendable {
    public struct Read: Sendable {
        public var row: TrustRow
        public var school: TrustOverview.School
        public init(row: TrustRow, school: TrustOverview.School) {
            self.row = row
            self.school = school
        }
    }

    public var generation: Int
    public var asOf: SchoolDate
    /// How many schools the whole read is of (read and not read).
    public var of: Int
    public var read: [Read]
    public var notRead: [TrustOverview.NotRead]
    /// England's figures, for the line beside the total once every school is in.
    public var national: NationalFigures?

    public init(generation: Int, asOf: SchoolDate, of: Int, read: [Read], notRead: [TrustOverview.NotRead] = [], national: NationalFigures?) {
        self.generation = generation
        self.asOf = asOf
        self.of = of
        self.read = read
        self.notRead = notRead
        self.national = national
    }
}

/// A read of the trust's stores that has not brought every school yet.
public struct TrustReading: Hashable, Sendable {
    public var generation: Int
    /// Schools in so far (read or not read), and how many there are.
    public var done: Int
    public var of: Int
    public init(generation: Int, done: Int, of: Int) {
        self.generation = generation
        self.done = done
        self.of = of
    }
}

extension AppState {
    /// Adds a part to the table: its schools replace any of the same id (a part sent twice
    /// adds nothing), the rows are sorted again, and the cursor stays on its school. The
    /// total and England's line are set only once every school is in: a total of part of
    /// the trust would read as the trust's.
    mutating func trustPartRead(_ part: TrustPart) {
        guard part.generation == trustGeneration else { return }
        let selectedID = trustSelectedID()
        var overview: TrustOverview
        if let current = trust, trustReading?.generation == part.generation {
            overview = current
        } else {
            // The first part of this read: a table of its own (a read again starts afresh).
            overview = TrustOverview(asOf: part.asOf, rows: [], total: TrustRow.total(of: [], asOf: part.asOf), notRead: [], national: nil, schools: [:])
        }
        for r in part.read {
            overview.rows.removeAll { $0.id == r.row.id }
            overview.notRead.removeAll { $0.id == r.row.id }
            overview.rows.append(r.row)
            overview.schools[r.school.id] = r.school
        }
        for n in part.notRead {
            overview.notRead.removeAll { $0.id == n.id }
            overview.rows.removeAll { $0.id == n.id }
            overview.schools[n.id] = nil
            overview.notRead.append(n)
        }
        overview.rows = TrustSort.concern.sorted(overview.rows)
        overview.notRead.sort { $0.id < $1.id }
        let done = overview.rows.count + overview.notRead.count
        if done >= part.of {
            overview.total = TrustRow.total(of: overview.rows, asOf: part.asOf)
            overview.national = part.national?.line(for: overview.total.phase, asOf: part.asOf)
            trustReading = nil
            trustLoading = false
        } else {
            trustReading = TrustReading(generation: part.generation, done: done, of: part.of)
        }
        trust = overview
        keepTrustCursor(on: selectedID, in: overview)
        guard trustReading == nil, screen.kind == .trust else { return }
        status = StatusLine("\(overview.rows.count) schools read" + (overview.notRead.isEmpty ? "" : "; \(overview.notRead.count) not read (listed below)"))
    }

    /// The id of the school under the trust table's cursor, if any.
    func trustSelectedID() -> String? {
        guard let rows = trust?.rows else { return nil }
        for case .trust(let t) in screens where rows.indices.contains(t.cursor.selected) { return rows[t.cursor.selected].id }
        return nil
    }

    /// Puts the trust table's cursor back on the school `id`, wherever the rows now put it,
    /// scrolling only as far as keeps it in view (the most concern stays at the top of the page).
    mutating func keepTrustCursor(on id: String?, in overview: TrustOverview) {
        guard let id, let at = overview.rows.firstIndex(where: { $0.id == id }) else { return }
        for i in screens.indices {
            guard case .trust(var t) = screens[i] else { continue }
            t.cursor.selected = at
            t.cursor.clamp(count: overview.rows.count, page: max(1, bodyHeight - 6))
            screens[i] = .trust(t)
        }
    }
}
