/// What a terminal must be sent to turn the last frame painted into the next: the cells that
/// differ, or every cell (after a clear) when there is no last frame or its size changed.
/// Pure, so it is tested without a terminal; the ncurses driver only writes what it returns.
public enum FrameDiff {
    public struct Write: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell
    }

    /// `screen`: the terminal's own size, which may lag the grid's during a resize; cells
    /// beyond it are left out, as is half of a wide character at its right edge.
    public static func writes(from previous: Grid?, to grid: Grid, screen: (width: Int, height: Int)) -> (clear: Bool, writes: [Write]) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        var out: [Write] = []
        for y in 0..<min(grid.height, screen.height) {
            for x in 0..<min(grid.width, screen.width) {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell { continue }
                if cell.width == 2 && x + 1 >= screen.width { continue }
                out.append(Write(x: x, y: y, cell: cell))
            }
        }
        return (full, out)
    }
}
