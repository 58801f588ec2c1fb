import Attendance

/// What `update` asks the driver to do. Values, so tests can assert them; the driver
/// performs each and answers with a message.
public enum Effect: Hashable, Sendable {
    /// Record a change durably; answered with changeSaved / changeRefused / changeNotSaved.
    case commit(id: Int, Transaction)
    /// Undo this app's last change; answered like a commit.
    case undoLast(id: Int)
    /// Read what others wrote now, rather than at the next poll.
    case refreshFromDisk
    /// Read a pupil's audit trail and the whole contact log; answered with historyLoaded.
    case loadHistory(upn: String)
    /// Write a report's files (name → contents); answered with reportWritten.
    case writeReport(files: [ReportFile])
    /// Make a letter for a pupil from a template; answered with letterRendered.
    case renderLetter(upn: String, template: String)
    /// Save a letter as an A4 PDF at `path` (addressed to the pupil's parents); answered
    /// with reportWritten or reportNotWritten. Nothing is logged: printing is not sending.
    case writeLetterPDF(upn: String, text: String, path: String)
    /// Read the trust's schools: `--stores` answered with a trustPartRead per school or few
    /// as they are read, each carrying `generation`; the database's published figures with
    /// one trustLoaded.
    case loadTrust(generation: Int)
    /// Read one school of a database's trust where the login is on its staff, for its page;
    /// answered with trustSchoolLoaded or trustSchoolNotLoaded.
    case loadTrustSchool(id: String)
    case quit
}

extension Effect {
    /// Can take more than 50 ms (files, PDFs, the audit trail): the driver runs it off the
    /// input loop, so keys keep working, and hands its answer to update as a message. Whoever
    /// asks for one says on the status line that it is under way (the pupil page says it is
    /// reading the audit trail); the answer says what became of it.
    public var isLong: Bool {
        switch self {
        case .writeReport, .writeLetterPDF, .loadHistory, .loadTrust, .loadTrustSchool: return true
        default: return false
        }
    }
}

public struct ReportFile: Hashable, Sendable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
