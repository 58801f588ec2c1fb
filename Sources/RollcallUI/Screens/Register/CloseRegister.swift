import Attendance

extension RegisterScreen {
    /// The change that records the register closed.
    static func closing(group: String, session: Session) -> Change {
        .registerClosed(RegisterClosure(group: group, session: session))
    }
}

extension AppState {
    /// `:close`: with everyone marked, closes the register; otherwise lists who is unmarked
    /// and offers to go to them or to mark them N.
    mutating func closeRegister(_ r: inout RegisterScreen) -> [Effect] {
        if school.isClosed(group: r.group, session: r.session) {
            status = StatusLine("Register \(r.group) \(r.session.half.label) is already closed")
            return []
        }
        let unmarked = r.unmarked(in: self)
        if !unmarked.isEmpty {
            let names = unmarked.compactMap { school.pupils[$0]?.fullName }
            overlay = .dialog(Dialog(.unmarkedBeforeClose(group: r.group, session: r.session, upns: unmarked),
                                     title: "Not everyone is marked",
                                     lines: ["\(plural(unmarked.count, "pupil")) still to mark before the register closes:"]
                                        + names.prefix(8).map { "  \($0)" } + (names.count > 8 ? ["  … and \(names.count - 8) more"] : []),
                                     keys: .unmarked))
            return []
        }
        return send(Transaction([RegisterScreen.closing(group: r.group, session: r.session)]), for: .closeRegister(group: r.group, session: r.session))
    }
}
