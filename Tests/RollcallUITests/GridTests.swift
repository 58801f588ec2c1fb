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
