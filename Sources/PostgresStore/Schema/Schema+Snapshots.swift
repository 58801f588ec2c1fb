extension Schema {
    /// Snapshots: the school as of a journal row, so that opening reads the latest snapshot
    /// and the rows after it rather than replaying every row. A snapshot is a copy, never the
    /// truth: it names the row it was made at and that row's hash (a snapshot of a row the
    /// chain no longer holds is never used), `rollcall check` replays the journal and compares,
    /// and the words of sensitive entries are never in it (the reader fills in what
    /// `sensitive_words` lets it read). Only a head writes one: an office login cannot put a
    /// school of its own making in front of everyone's open. Installed after `sql`.
    public static let snapshotsSQL: StaticString = #"""
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    CREATE TABLE rollcall.snapshots (
        school text NOT NULL,
        seq bigint NOT NULL,
        -- The hash of journal row `seq` when the snapshot was made.
        hash bytea NOT NULL,
        author name NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (school, seq),
        FOREIGN KEY (school, seq) REFERENCES rollcall.journal (school, seq)
    );

    -- The snapshot's documents (the file store's snapshot files, as JSON text).
    CREATE TABLE rollcall.snapshot_parts (
        school text NOT NULL,
        seq bigint NOT NULL,
        name text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (school, seq, name),
        FOREIGN KEY (school, seq) REFERENCES rollcall.snapshots (school, seq)
    );

    CREATE TRIGGER snapshots_no_truncate BEFORE TRUNCATE ON rollcall.snapshots
        FOR EACH STATEMENT EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER snapshot_parts_no_truncate BEFORE TRUNCATE ON rollcall.snapshot_parts
        FOR EACH STATEMENT EXECUTE FUNCTION rollcall.refuse_rewrite();

    -- put_snapshot, and the triggers that refuse an UPDATE, are in `snapshotsKeepSQL`.

    CREATE FUNCTION rollcall.put_snapshot_part(p_school text, p_seq bigint, p_name text, p_body text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
        IF NOT EXISTS (SELECT FROM rollcall.snapshots s WHERE s.school = p_school AND s.seq = p_seq AND s.author = session_user)
           OR NOT rollcall.has_school_role(session_user, p_school, ARRAY['head']) THEN
            RAISE EXCEPTION 'no snapshot % of school % by %', p_seq, p_school, session_user USING ERRCODE = '42501';
        END IF;
        INSERT INTO rollcall.snapshot_parts (school, seq, name, body) VALUES (p_school, p_seq, p_name, p_body);
    END $f$;

    ALTER TABLE rollcall.snapshots ENABLE ROW LEVEL SECURITY;
    ALTER TABLE rollcall.snapshot_parts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY staff_read ON rollcall.snapshots FOR SELECT
        USING (school IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));
    CREATE POLICY staff_read ON rollcall.snapshot_parts FOR SELECT
        USING (school IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));

    REVOKE ALL ON rollcall.snapshots, rollcall.snapshot_parts FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION rollcall.put_snapshot_part(text, bigint, text, text) FROM PUBLIC;
    GRANT SELECT ON rollcall.snapshots, rollcall.snapshot_parts TO rollcall_staff;
    GRANT EXECUTE ON FUNCTION rollcall.put_snapshot_part(text, bigint, text, text) TO rollcall_staff;
    RESET ROLE;
    RESET search_path;
    """#

    /// How many of a school's snapshots are kept: the newest, and two before it in case one
    /// cannot be read (about 60 are written in a year; each is a copy of the whole school).
    public static let snapshotsKept = 3

    /// `put_snapshot`, which deletes a school's snapshots older than its newest
    /// `snapshotsKept` in the transaction that writes a new one, and the triggers that refuse
    /// to rewrite a snapshot (an UPDATE; a DELETE only `put_snapshot` makes, since staff may
    /// only read these tables). A snapshot is derived from the journal and never the truth:
    /// the journal and the words stay append-only as they were. Installed after
    /// `snapshotsSQL`, and run by `upgrade` (CREATE OR REPLACE; the triggers made again).
    public static let snapshotsKeepSQL: StaticString = #"""
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    DROP TRIGGER IF EXISTS snapshots_append_only ON rollcall.snapshots;
    DROP TRIGGER IF EXISTS snapshot_parts_append_only ON rollcall.snapshot_parts;
    DROP TRIGGER IF EXISTS snapshots_not_rewritten ON rollcall.snapshots;
    DROP TRIGGER IF EXISTS snapshot_parts_not_rewritten ON rollcall.snapshot_parts;
    CREATE TRIGGER snapshots_not_rewritten BEFORE UPDATE ON rollcall.snapshots
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER snapshot_parts_not_rewritten BEFORE UPDATE ON rollcall.snapshot_parts
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();

    -- Starts a snapshot of the school as of row `p_seq` (its parts follow in the same
    -- transaction, through put_snapshot_part), and deletes the school's snapshots older than
    -- its newest three (Schema.snapshotsKept). The head's alone.
    CREATE OR REPLACE FUNCTION rollcall.put_snapshot(p_school text, p_seq bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE
        h bytea;
        oldest_kept bigint;
    BEGIN
        IF NOT rollcall.has_school_role(session_user, p_school, ARRAY['head']) THEN
            RAISE EXCEPTION 'only the head writes snapshots of school %', p_school USING ERRCODE = '42501';
        END IF;
        SELECT j.hash INTO h FROM rollcall.journal j WHERE j.school = p_school AND j.seq = p_seq;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'school % has no journal row %', p_school, p_seq USING ERRCODE = 'RC003';
        END IF;
        INSERT INTO rollcall.snapshots (school, seq, hash, author, at) VALUES (p_school, p_seq, h, session_user, clock_timestamp())
            ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RETURN false;  -- there is one at that row already
        END IF;
        SELECT min(k.seq) INTO oldest_kept
            FROM (SELECT s.seq FROM rollcall.snapshots s WHERE s.school = p_school ORDER BY s.seq DESC LIMIT 3) k;
        DELETE FROM rollcall.snapshot_parts p WHERE p.school = p_school AND p.seq < oldest_kept;
        DELETE FROM rollcall.snapshots s WHERE s.school = p_school AND s.seq < oldest_kept;
        RETURN true;
    END $f$;

    REVOKE EXECUTE ON FUNCTION rollcall.put_snapshot(text, bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION rollcall.put_snapshot(text, bigint) TO rollcall_staff;
    RESET ROLE;
    RESET search_path;
    """#
}
