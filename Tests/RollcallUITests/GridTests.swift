import Testing
@testable import RollcallUI

@Suite("The cell grid")
struct GridTests {
    @Test func wideCharactersTakeTwoColumnsAndReadBackOnce() {
        var g = Grid(width: 12, height: 2)
        let used = g.put("李小龙 Zoë", x: 0, y: 0)
        #expect(used == 10)
        #expect(g.lines[0] == "李小龙 Zoë")
        #expect(g[1, 0].isContinuation)
        #expect(g[6, 0].text == " ")
    }

    @Test func decomposedAccentsTakeOneColumn() {
        var g = Grid(width: 5, height: 1)
        #expect(g.put("Zoe\u{308}", x: 0, y: 0) == 3)
        #expect(g.lines[0] == "Zoe\u{308}")
    }

    @Test func aWideCharacterThatWouldNotFitIsLeftOut() {
        var g = Grid(width: 4, height: 1)
        #expect(g.put("a李小", x: 0, y: 0) == 3)
        #expect(g.lines[0] == "a李")
        #expect(g[3, 0].text == " ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = Grid(width: 4, height: 1)
        g.put("李", x: 0, y: 0)
        g.put("x", x: 1, y: 0)
        #expect(g.lines[0] == " x")
        #expect(!g[1, 0].isContinuation)
    }

    @Test func theStyleMaskShowsTonesAndSelection() {
        var g = Grid(width: 6, height: 1)
        g.put("ab", x: 0, y: 0, style: Style(.unauthorised))
        g.put("cd", x: 2, y: 0, style: Style(.present, selected: true))
        #expect(g.styleMask == ["uuPP.."])
    }
}

@Suite("The frame diff")
struct FrameDiffTests {
    func grid(_ lines: [String], width: Int = 6) -> Grid {
        var g = Grid(width: width, height: lines.count)
        for (y, l) in lines.enumerated() { g.put(l, x: 0, y: y) }
        return g
    }

    @Test func theFirstFrameClearsAndWritesEveryCell() {
        let (clear, writes) = FrameDiff.writes(from: nil, to: grid(["ab", "cd"]), screen: (6, 2))
        #expect(clear)
        #expect(writes.count == 12)
    }

    @Test func theSameFrameWritesNothing() {
        let g = grid(["abc", "def"])
        let (clear, writes) = FrameDiff.writes(from: g, to: g, screen: (6, 2))
        #expect(!clear && writes.isEmpty)
    }

    @Test func onlyTheChangedCellsAreWritten() {
        var next = grid(["abc", "def"])
        next.put("X", x: 1, y: 1, style: .title)
        let (clear, writes) = FrameDiff.writes(from: grid(["abc", "def"]), to: next, screen: (6, 2))
        #expect(!clear)
        #expect(writes == [FrameDiff.Write(x: 1, y: 1, cell: Cell("X", style: .title))])
        // A style alone is a change too.
        var restyled = grid(["abc", "def"])
        restyled.restyle(x: 0, y: 0, width: 1) { $0.selected = true }
        #expect(FrameDiff.writes(from: grid(["abc", "def"]), to: restyled, screen: (6, 2)).writes.map(\.x) == [0])
    }

    @Test func aWideCharacterIsWrittenOnceAndReplacedWhole() {
        let before = grid(["ab"])
        let wide = grid(["李"])
        let (_, writes) = FrameDiff.writes(from: before, to: wide, screen: (6, 1))
        #expect(writes.map(\.x) == [0])  // its continuation is not written
        // Back to two narrow letters: both cells are written.
        #expect(FrameDiff.writes(from: wide, to: before, screen: (6, 1)).writes.map(\.x) == [0, 1])
    }

    @Test func aSizeChangeRedrawsAndTheScreensEdgeClips() {
        let (clear, writes) = FrameDiff.writes(from: grid(["a"], width: 4), to: grid(["abcde李"], width: 8), screen: (6, 1))
        #expect(clear)
        // Columns 0–4, not the wide character at 5 (half of it would be off the screen).
        #expect(writes.map(\.x) == [0, 1, 2, 3, 4])
    }
}

@Suite("Drawing outside the grid")
struct GridClippingTests {
    /// A form in a window too narrow for it asked to fill from a column past the right edge:
    /// the range was backwards and trapped (found by the random keys on the penalty form).
    @Test func fillAndRestylePastTheEdgeDrawNothingAndDoNotTrap() {
        var g = Grid(width: 10, height: 3)
        g.fill(x: 12, y: 1, width: 5, height: 1, style: Style(.title))
        g.fill(x: 2, y: 5, width: 3, height: 2, style: Style(.title))
        g.restyle(x: 15, y: 0, width: 2) { $0.selected = true }
        g.fill(x: 8, y: 0, width: 5, height: 1, style: Style(.title))
        #expect(g.lines.count == 3)
    }
}
