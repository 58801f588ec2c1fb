/// Who signs a letter and who it is posted to: a letter to a family carries a real person's
/// name and role, and an address that is really theirs, or it is not made at all.
extension School {
    /// The member of staff a letter is signed by: on the staff list, with a name that is a
    /// person's (not empty, not their OS login such as `root`).
    public func signer(_ member: StaffMember) throws(ChangeRefused) -> StaffMember {
        guard let listed = staff[member.login] else {
            throw ChangeRefused(.notPermitted, "\(member.login) is not on the staff list, so cannot sign a letter: ask the head to add you (rollcall staff add \(member.login) --name \"Your Name\" --role …)")
        }
        let name = listed.name.trimmingSpaces()
        if name.isEmpty || name == listed.login || StaffMember.systemLogins.contains(name.lowercased()) {
            throw ChangeRefused(.invalid, "letters are signed with the sender's real name, and the staff list names \(listed.login) only as \"\(listed.name)\": ask the head to set your name (rollcall staff add \(listed.login) --name \"Your Name\" --role \(listed.role.rawValue))")
        }
        return listed
    }

    /// Who a posted letter goes to: the first contact with parental responsibility, and the
    /// others with parental responsibility who share their address. A missing address is an
    /// error naming the field to fill in, never an envelope with a blank line.
    public func postalRecipients(of upn: String) throws(ChangeRefused) -> PostalRecipients {
        guard let pupil = pupils[upn] else { throw ChangeRefused(.notFound, "no pupil with UPN \(upn)") }
        guard let n = pupil.contacts.firstIndex(where: \.parentalResponsibility) else {
            throw ChangeRefused(.invalid, "\(pupil.fullName) (\(upn)) has no contact with parental responsibility to post a letter to: set Contact N Parental Responsibility in the pupils file")
        }
        let first = pupil.contacts[n]
        guard let address = first.address, !first.addressLines.isEmpty else {
            throw ChangeRefused(.invalid, "Contact \(n + 1) Address is missing for \(first.name) (\(first.relationship)), who has parental responsibility for \(pupil.fullName) (\(upn)): add it to the pupils file and import it again")
        }
        let names = pupil.contacts.filter { $0.parentalResponsibility && ($0.name == first.name || $0.address == address) }.map(\.name)
        return PostalRecipients(names: names, addressLines: first.addressLines)
    }

    /// Every household a posted letter goes to: the first contact with parental
    /// responsibility's (as `postalRecipients`), then one copy for each other address where
    /// a parent with parental responsibility lives, so a letter "Dear Pat Ames and Sam Ames"
    /// reaches Sam at Sam's own address too. A parent with no address is posted nothing
    /// separately.
    public func postalHouseholds(of upn: String) throws(ChangeRefused) -> [PostalRecipients] {
        let first = try postalRecipients(of: upn)
        var households = [first]
        var seen: [[String]] = [first.addressLines]
        for c in pupils[upn]?.contacts ?? [] where c.parentalResponsibility && !c.addressLines.isEmpty && !first.names.contains(c.name) {
            if let i = seen.firstIndex(of: c.addressLines) { households[i].names.append(c.name); continue }
            seen.append(c.addressLines)
            households.append(PostalRecipients(names: [c.name], addressLines: c.addressLines))
        }
        return households
    }
}

/// The names and address a posted letter goes to.
public struct PostalRecipients: Hashable, Sendable {
    public var names: [String]
    public var addressLines: [String]
}

extension StaffMember {
    /// Logins that belong to the machine, not to a person.
    static let systemLogins: Set<String> = ["root", "admin", "administrator", "nobody", "user"]
}
