/// Why a store shared through an OS group is no longer made, and what to do instead
/// (issue 20): said at every start of a command or the app that opens one.
extension StoreSharing {
    /// The warning for a group-shared store at `path`.
    public func warning(store path: String) -> String {
        "\(path) is shared through the OS group \(group): every staff login can write its directory, so any one of them can defeat it (read the DSL's sensitive notes, forge or lose records, take the head's role). Move it into PostgreSQL, where the database enforces each role: `rollcall store move --from \(path) --to URL` (the head's guide, \"Setting Rollcall up for several staff\")"
    }

    /// Why `rollcall init --group` refuses.
    public static let refusal = "init no longer creates a store shared through an OS group: a directory every staff login can write cannot be defended against any one of them (they can read the DSL's sensitive notes, forge or lose records, take the head's role). For several staff, keep the school in PostgreSQL, where the database enforces each role: `rollcall init --database URL --school NAME` (the head's guide, \"Setting Rollcall up for several staff\"); a shared store you have already is moved there with `rollcall store move --from DIR --to URL`"
}
