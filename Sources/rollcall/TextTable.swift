import Attendance

/// Columns aligned by display width, so accented and CJK names line up in a terminal.
struct TextTable {
    var columns: [String]
    var rows: [[String]] = []

    init(columns: [String]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [columns] + rows
        let widths = columns.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }.joined(separator: "  ").trimmedTrailing()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmedTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
