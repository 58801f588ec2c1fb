/// Which row of a list is selected and which is at the top of the visible page.
public struct ListCursor: Hashable, Sendable {
    public var selected = 0
    public var top = 0

    public init(selected: Int = 0) { self.selected = selected }

    /// Applies a movement command to a list of `count` rows shown `page` at a time.
    /// Returns false for commands that are not movements.
    public mutating func move(_ command: KeyCommand, count: Int, page: Int) -> Bool {
        switch command {
        case .up: selected -= 1
        case .down: selected += 1
        case .pageUp: selected -= max(1, page - 1)
        case .pageDown: selected += max(1, page - 1)
        case .top: selected = 0
        case .bottom: selected = count - 1
        default: return false
        }
        clamp(count: count, page: page)
        return true
    }

    /// Keeps the selection inside the list and on the visible page.
    public mutating func clamp(count: Int, page: Int) {
        selected = max(0, min(selected, count - 1))
        if count == 0 { selected = 0 }
        let page = max(1, page)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = max(0, min(top, max(0, count - page)))
    }
}

/// The first line shown of a document (the pupil page, help) after a movement command.
func scrolled(_ top: Int, _ command: KeyCommand, lines: Int, page: Int) -> Int {
    let page = max(1, page)
    let last = max(0, lines - page)
    switch command {
    case .up: return max(0, top - 1)
    case .down: return min(last, top + 1)
    case .pageUp: return max(0, top - page + 1)
    case .pageDown: return min(last, top + page - 1)
    case .top: return 0
    case .bottom: return last
    default: return top
    }
}

extension ListCursor {
    /// A movement on a list with heading rows that cannot be selected: the selection steps
    /// over them in the direction of travel (or back, at either end).
    mutating func move(_ command: KeyCommand, count: Int, page: Int, selectable: (Int) -> Bool) -> Bool {
        guard move(command, count: count, page: page) else { return false }
        let step = [.up, .pageUp, .bottom].contains(command) ? -1 : 1
        for direction in [step, -step] {
            var i = selected
            while i >= 0 && i < count && !selectable(i) { i += direction }
            if i >= 0 && i < count { selected = i; break }
        }
        clamp(count: count, page: page)
        return true
    }

    /// The rows a view draws for a list of `count` shown `page` at a time, the selection
    /// kept in view (the window may have shrunk since the cursor last moved).
    func visibleRows(count: Int, page: Int) -> [(index: Int, row: Int, selected: Bool)] {
        var c = self
        c.clamp(count: count, page: page)
        return (0..<max(0, page)).compactMap { row in
            let i = c.top + row
            return i < count ? (i, row, i == c.selected) : nil
        }
    }
}
