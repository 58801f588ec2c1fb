import Attendance

/// What a `:` command takes after its name. The kind gives the usage shown, what Tab
/// completes and how the words are read.
public enum CommandArgument: Sendable {
    /// A class (registration group), as the school names it; may be left out.
    case registrationGroup
    /// AM or PM; may be left out (the session now).
    case half
    /// One of these words, each with what it means.
    case oneOf([Choice])
    /// A pupil by UPN or any part of the name: the rest of the line.
    case pupil(optional: Bool)

    public struct Choice: Hashable, Sendable {
        public var word: String
        public var meaning: String
        public init(_ word: String, _ meaning: String) {
            self.word = word
            self.meaning = meaning
        }
    }

    public var usage: String {
        switch self {
        case .registrationGroup: return "CLASS"
        case .half: return "[AM|PM]"
        case .oneOf(let choices): return choices.map(\.word).joined(separator: "|")
        case .pupil(let optional): return optional ? "[UPN-or-name]" : "UPN-or-name"
        }
    }

    /// Takes the whole rest of the line (a class or a name may have spaces).
    var takesTheRest: Bool {
        switch self {
        case .pupil: return true
        default: return false
        }
    }
}

/// A command line's words, read by the command's argument kinds.
public struct CommandInput: Sendable {
    /// The class as typed ("" if none); the command checks it is one.
    public var group = ""
    public var half: SessionHalf?
    /// The word chosen from a `oneOf`, lower case; nil if none or not one of them.
    public var choice: String?
    public var pupil = ""

    init(_ arguments: [CommandArgument], _ words: [String], school: School) {
        var rest = words[...]
        for (i, argument) in arguments.enumerated() {
            switch argument {
            case .registrationGroup:
                // A last word AM or PM is the session, unless it is itself the class typed alone.
                var groupWords = Array(rest)
                let halfFollows = arguments.indices.contains(i + 1) && { if case .half = arguments[i + 1] { return true } else { return false } }()
                let isClass = { (w: String) in school.registrationGroups.contains { $0.lowercased() == w.lowercased() } }
                if halfFollows, let last = groupWords.last, let h = SessionHalf(label: last), groupWords.count > 1 || !isClass(last) {
                    half = h
                    groupWords.removeLast()
                }
                group = groupWords.joined(separator: " ")
                rest = []
            case .half:
                if let w = rest.popFirst() { half = SessionHalf(label: w) }
            case .oneOf(let choices):
                if let w = rest.popFirst()?.lowercased() { choice = choices.contains { $0.word == w } ? w : nil }
            case .pupil:
                pupil = rest.joined(separator: " ")
                rest = []
            }
        }
    }
}
