import Attendance
import Dispatch
import RollcallUI

extension StoreDirectoriesSource {
    /// The app's `:trust` over stores: each school handed to `send` as a `TrustPart` as soon
    /// as it is read and its row worked out, on the thread that read it, in the order they
    /// finish (as many at once as there are cores), so the table fills as they come.
    func parts(generation: Int, asOf date: SchoolDate, time: ClockTime?, national: NationalFigures?, send: @escaping @Sendable (TrustPart) -> Void) {
        let directories = directories
        DispatchQueue.concurrentPerform(iterations: directories.count) { i in
            let s = TrustSchool(id: directories[i], reading: read(directories[i], asOf: date))
            send(part(s, generation: generation, asOf: date, time: time, of: directories.count, national: national))
        }
    }

    /// One school as a part: its row and records, or why it was not read.
    func part(_ s: TrustSchool, generation: Int, asOf date: SchoolDate, time: ClockTime?, of count: Int, national: NationalFigures?) -> TrustPart {
        var part = TrustPart(generation: generation, asOf: date, of: count, read: [], national: national)
        switch s.reading {
        case .read(let school, _):
            var row = TrustRow(school: school, asOf: date, time: time)
            row.id = s.id
            part.read = [.init(row: row, school: TrustOverview.School(id: s.id, school: school, mayReadNames: s.mayReadNames))]
        case .published(let row):
            part.read = [.init(row: row, school: TrustOverview.School(id: s.id, school: nil, mayReadNames: false))]
        case .notRead(let why):
            part.notRead = [.init(id: s.id, reason: why)]
        }
        return part
    }
}
