import AttendanceStore
import Foundation
import RollcallUI

/// Where the app saves reports: ROLLCALL_REPORTS, else ~/rollcall-reports. The status line
/// names the files, so nobody has to guess where they went.
enum ReportFiles {
    static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["ROLLCALL_REPORTS"], !dir.isEmpty { return dir }
        return (env["HOME"] ?? NSHomeDirectory()) + "/rollcall-reports"
    }

    /// Never inside the store, never through a link (see `OutputFile`).
    static func write(_ files: [ReportFile], store: String?) -> Message {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var paths: [String] = []
            for f in files {
                let path = "\(directory)/\(f.name)"
                try OutputFile(path, store: store).write(f.contents)
                paths.append(path)
            }
            return .reportWritten(paths: paths)
        } catch {
            return .reportNotWritten(problem: "\(error) (in \(directory))")
        }
    }
}
