import Attendance

extension AppState {
    func drawToday(_ t: TodayScreen, _ g: inout Grid, _ a: Area) {
        for (i, row, selected) in t.cursor.visibleRows(count: t.lines.count, page: a.height) {
            t.lines[i].line.draw(into: &g, x: a.x + 1, y: a.y + row, width: a.width - 2, selected: selected && t.lines[i].target != nil)
        }
    }
}
