import ArgumentParser
import Attendance

struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes", abstract: "List the attendance codes, what they mean and how they count.")

    func run() {
        for category in AttendanceCode.Category.allCases {
            print(category.rawValue)
            for code in AttendanceCode.allCases where code.category == category {
                let legacy = code.isLegacy ? " (import only; nearest 2024 code \(code.nearestCurrentCode.symbol))" : ""
                print("  \(code.symbol.padding(3))\(code.meaning) — \(code.counting.rawValue)\(legacy)")
            }
        }
    }
}

extension String {
    /// Pads with spaces to a width in characters (ASCII headings and codes only).
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
