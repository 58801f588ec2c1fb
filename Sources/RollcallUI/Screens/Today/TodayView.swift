import Attendance

extension AppState {
    func drawToday(_ t: TodayScreen, _ g: inout Grid, _ a: Area) {
        var cursor = t.cursor
        cursor.clamp(count: t.lines.count, page: a.height)
        for row in 0..<a.height {
            let i = cursor.top + row
            guard t.lines.indices.contains(i) else { break }
            t.lines[i].line.draw(into: &g, x: a.x + 1, y: a.y + row, width: a.width - 2, selected: i == cursor.selected && t.lines[i].target != nil)
        }
    }
}
