import Attendance
import Foundation

/// Every pupil with their figures: find by any name or UPN, filter, sort.
public struct PupilsScreen: Sendable {
    public struct Row: Hashable, Sendable {
        public var upn: String
        public var name: String
        /// The legal name when the pupil is known by another.
        public var legalName: String?
        public var group: String
        public var year: YearGroup
        public var attended: Int
        public var possible: Int
        public var persistent: Bool
        public var severe: Bool
        public var band: String?
        /// "attendance: stage_2" per open case.
        public var stages: [String]
        /// CP, CIN, CLA, SW, EHCP, PP.
        public var markers: [String]
        public var vulnerable: Bool
        public var searchKey: String
        /// The name as shown, in the school's order (NameOrder: Dąbrowski before Dubois).
        public var nameKey: String = ""

        /// Sortable percentage in tenths of a percent, truncated; -1 with no possible sessions.
        public var tenths: Int { possible > 0 ? attended * 1000 / possible : -1 }
    }

    public enum Column: String, CaseIterable, Sendable { case name, group = "class", year, attendance, band, stage }

    public var rows: [Row] = []
    /// Indices into rows after search, filters and sort.
    public var visible: [Int] = []
    public var cursor = ListCursor()
    public var search = TextField()
    public var searching = false
    public var sort: Column = .name
    public var descending = false
    public var year: YearGroup?
    public var group: String?
    public var band: String?
    public var onACase = false
    public var vulnerableOnly = false
    /// One group from the reports (its name and pupils).
    public var only: (name: String, upns: Set<String>)?
    /// The school version the rows were built from.
    var builtFor = -1

    init(_ state: AppState) { rebuild(state) }

    mutating func rebuild(_ state: AppState) {
        guard builtFor != state.schoolVersion else { return }
        builtFor = state.schoolVersion
        let selected = visible.indices.contains(cursor.selected) ? rows[visible[cursor.selected]].upn : nil
        rows = PupilsScreen.rows(state)
        refilter()
        if let selected, let i = visible.firstIndex(where: { rows[$0].upn == selected }) { cursor.selected = i }
        cursor.clamp(count: visible.count, page: state.bodyHeight - 2)
    }

    static func rows(_ state: AppState) -> [Row] {
        let school = state.school
        let stats = school.statistics
        let range = Statistics.yearToDate(state.context.today)
        let policy = school.casework.policy
        var openByPupil: [String: [CaseFile]] = [:]
        for file in school.casework.openCases { openByPupil[file.upn, default: []].append(file) }
        return school.roll.map { p in
            let f = stats.figures(for: p.upn, in: range)
            let band = f.possible > 0 ? policy?.band(forAttended: f.attended, possible: f.possible)?.name : nil
            let flags = p.flags
            var markers: [String] = []
            if flags.childProtection { markers.append("CP") }
            if flags.childInNeed { markers.append("CIN") }
            if flags.lookedAfter { markers.append("CLA") }
            if flags.hasSocialWorker { markers.append("SW") }
            if flags.ehcp { markers.append("EHCP") }
            if flags.pupilPremium { markers.append("PP") }
            let stages = (openByPupil[p.upn] ?? []).sorted { $0.track < $1.track }.map { "\($0.track.replacingOccurrences(of: "_", with: " ")): \($0.stage ?? "")" }
            return Row(upn: p.upn, name: p.fullName, legalName: p.preferredName == nil ? nil : "\(p.legalForename) \(p.legalSurname)",
                       group: p.registrationGroup, year: p.yearGroup, attended: f.attended, possible: f.possible,
                       persistent: f.isPersistentAbsence, severe: f.isSevereAbsence, band: band, stages: stages, markers: markers,
                       vulnerable: flags.isSafeguardingPriority || flags.ehcp, searchKey: SearchKey.of(p), nameKey: NameOrder.key(p.fullName))
        }
    }

    /// Applies search, filters and sort to the rows.
    mutating func refilter() {
        let needle = SearchKey.fold(search.text)
        let all = rows
        var list = all.indices.filter { i in
            let r = all[i]
            if !needle.isEmpty && !r.searchKey.contains(needle) { return false }
            if let year, r.year != year { return false }
            if let group, r.group != group { return false }
            if let band, r.band != band { return false }
            if onACase && r.stages.isEmpty { return false }
            if vulnerableOnly && !r.vulnerable { return false }
            if let only, !only.upns.contains(r.upn) { return false }
            return true
        }
        let rows = all
        func key(_ r: Row) -> String {
            switch sort {
            case .name: return r.nameKey
            case .group: return r.group
            case .band: return r.band ?? "~"
            case .stage: return r.stages.first ?? "~"
            case .attendance, .year: return ""
            }
        }
        list.sort { a, b in
            let ra = rows[a], rb = rows[b]
            if sort == .attendance, ra.tenths != rb.tenths { return descending ? ra.tenths > rb.tenths : ra.tenths < rb.tenths }
            if sort == .year, ra.year != rb.year { return descending ? ra.year > rb.year : ra.year < rb.year }
            let ka = key(ra), kb = key(rb)
            if ka != kb { return descending ? ka > kb : ka < kb }
            return (ra.nameKey, ra.name) < (rb.nameKey, rb.name)
        }
        visible = list
    }

    var filterSummary: String {
        var parts: [String] = []
        if !search.isEmpty { parts.append("\"\(search.text)\"") }
        if let year { parts.append("year \(year)") }
        if let group { parts.append("class \(group)") }
        if let band { parts.append("band \(band)") }
        if onACase { parts.append("on a case") }
        if vulnerableOnly { parts.append("vulnerable") }
        if let only { parts.append(only.name) }
        return parts.isEmpty ? "all pupils" : parts.joined(separator: ", ")
    }
}

extension AppState {
    mutating func pupilsKey(_ key: Key, _ p: inout PupilsScreen) -> [Effect] {
        let page = bodyHeight - 2
        if p.searching {
            switch key {
            case .enter, .escape, .down, .up:
                p.searching = false
                if key == .escape { p.search = TextField(); p.refilter() }
                if key == .enter, p.visible.count == 1 { return openPupil(p.rows[p.visible[0]].upn) }
                return []
            default:
                if p.search.handle(key) {
                    p.refilter()
                    p.cursor = ListCursor()
                }
                return []
            }
        }
        guard let command = Bindings.command(for: key, on: .pupils) else { return [] }
        if p.cursor.move(command, count: p.visible.count, page: page) { return [] }
        func cycle<T: Equatable>(_ current: T?, _ all: [T]) -> T? {
            guard let c = current, let i = all.firstIndex(of: c) else { return all.first }
            return i + 1 < all.count ? all[i + 1] : nil
        }
        switch command {
        case .open:
            if p.visible.indices.contains(p.cursor.selected) { return openPupil(p.rows[p.visible[p.cursor.selected]].upn) }
            return []
        case .search:
            p.searching = true
            return []
        case .sortNext:
            let all = PupilsScreen.Column.allCases
            p.sort = all[((all.firstIndex(of: p.sort) ?? 0) + 1) % all.count]
            p.descending = false
        case .sortReverse: p.descending.toggle()
        case .filterYear: p.year = cycle(p.year, Array(Set(p.rows.map(\.year))).sorted())
        case .filterClass: p.group = cycle(p.group, school.registrationGroups)
        case .filterBand: p.band = cycle(p.band, school.casework.policy?.bands.map(\.name) ?? [])
        case .filterCase: p.onACase.toggle()
        case .filterVulnerable: p.vulnerableOnly.toggle()
        case .clearFilters:
            p.search = TextField(); p.year = nil; p.group = nil; p.band = nil; p.onACase = false; p.vulnerableOnly = false; p.only = nil
        default: return []
        }
        p.refilter()
        p.cursor.clamp(count: p.visible.count, page: page)
        status = StatusLine("Showing \(plural(p.visible.count, "pupil")): \(p.filterSummary); sorted by \(p.sort.rawValue)\(p.descending ? ", reversed" : "")")
        return []
    }
}

extension PupilsScreen: ScreenState {
    static let kind = ScreenKind.pupils
    var asScreen: Screen { .pupils(self) }
    static var commands: [AppCommand] {
        [AppCommand("pupils", "Every pupil with their figures; find, filter and sort") { s, _ in s.openPupils() }]
    }
    func title(in app: AppState) -> String {
        "Pupils · \(plural(visible.count, "pupil")) · \(filterSummary) · sorted by \(sort.rawValue)\(descending ? " (reversed)" : "")"
    }
    mutating func handle(_ key: Key, in app: inout AppState) -> [Effect] { app.pupilsKey(key, &self) }
    func draw(in app: AppState, into g: inout Grid, _ area: Area) { app.drawPupils(self, &g, area) }
    mutating func schoolChanged(in app: AppState) { rebuild(app) }
    var isTyping: Bool { searching }
}
