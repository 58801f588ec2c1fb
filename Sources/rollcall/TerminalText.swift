import Attendance

/// Everything a command prints goes through here: a control character in a record (one kept
/// from before they were refused, or read from a file) is shown as `<U+001B>`, never sent to
/// the terminal to act on. Line breaks and tabs are kept; JSON escapes its own.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(EnteredText.shown(text, keepingLayout: true), terminator: terminator)
}

/// An error as it is printed: its control characters shown as `<U+001B>`.
struct ShownError: Error, CustomStringConvertible {
    let description: String
    init(_ error: Error) { description = EnteredText.shown("\(error)", keepingLayout: true) }
}
