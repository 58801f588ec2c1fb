import Attendance
import Foundation
import RollcallData

/// `Data/national/pupil-absence.json`, bundled: the DfE's national figures, read and checked.
public enum NationalFiguresFile {
    public static let file = "Data/national/pupil-absence.json"

    /// The figures, or a `StoreError` naming the file and what is wrong with it.
    public static func load() throws -> NationalFigures {
        guard let data = RollcallData.national()["pupil-absence"] else { throw StoreError(file: file, "is missing from the program's data") }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws -> NationalFigures {
        let figures: NationalFigures
        do { figures = try JSONDecoder().decode(NationalFigures.self, from: data) } catch {
            throw StoreError(file: file, "is not valid: \(error)")
        }
        let problems = figures.problems()
        guard problems.isEmpty else { throw StoreError(file: file, "is not valid: " + problems.joined(separator: "; ")) }
        return figures
    }
}
