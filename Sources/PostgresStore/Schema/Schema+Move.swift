extension Schema {
    /// `rollcall store move`'s part of the schema (see docs/decisions.md, "Moving a store into
    /// the database"): installed with `sql`, by the same superuser.
    ///
    /// A move writes journal rows in other people's names (the file store's authors and
    /// times), which staff must never be able to do. So it is done by three SECURITY DEFINER
    /// functions that only `rollcall_founder` may call, and only into a school the same
    /// call creates, inside the SQL transaction that creates it: `begin_move` makes the
    /// school (with no head: the moved staff list grants the roles) and records the move with
    /// the transaction's id; `move_row` appends a row as given, and refuses unless that very
    /// transaction began the move; `end_move` seals it. Once committed, nobody can add a
    /// row to the school in anyone's name but their own, and `rollcall.moves` says which rows
    /// came from where, moved by whom.
    public static let moveSQL: StaticString = #"""
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    CREATE TABLE rollcall.moves (
        school text PRIMARY KEY REFERENCES rollcall.schools (id),
        moved_from text NOT NULL,
        moved_by name NOT NULL,
        moved_at timestamptz NOT NULL,
        -- The SQL transaction doing the move: rows in others' names only inside it.
        xact bigint NOT NULL,
        -- The journal rows the move wrote (1 to rows); NULL while it is under way.
        rows bigint
    );
    CREATE TRIGGER moves_no_delete BEFORE DELETE ON rollcall.moves
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();

    CREATE FUNCTION rollcall.move_under_way(p_school text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
        IF NOT EXISTS (SELECT FROM rollcall.moves m WHERE m.school = p_school AND m.rows IS NULL
                       AND m.moved_by = session_user AND m.xact = txid_current()) THEN
            RAISE EXCEPTION 'rows may be written in other people''s names only by the move that creates school %, inside its own transaction', p_school
                USING ERRCODE = '42501';
        END IF;
    END $f$;

    -- Creates the school a move fills: its row and its four group roles, no journal yet.
    CREATE FUNCTION rollcall.begin_move(p_school text, p_name text, p_from text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
        IF NOT pg_has_role(session_user, 'rollcall_founder', 'MEMBER') THEN
            RAISE EXCEPTION '% may not move a school into this database (the database''s owner grants rollcall_founder)', session_user
                USING ERRCODE = '42501';
        END IF;
        IF EXISTS (SELECT FROM rollcall.schools WHERE id = p_school) THEN
            RAISE EXCEPTION 'school % already exists in this database; a move makes a new school', p_school USING ERRCODE = '42710';
        END IF;
        PERFORM rollcall.add_school(p_school, p_name);
        INSERT INTO rollcall.moves (school, moved_from, moved_by, moved_at, xact)
            VALUES (p_school, p_from, session_user, clock_timestamp(), txid_current());
    END $f$;

    -- Appends one moved row as given: its author, time, body and sensitive words
    -- (`p_words`: [{id, upn, author, words}]), chained like every other row.
    CREATE FUNCTION rollcall.move_row(p_school text, p_at timestamptz, p_author name, p_body text, p_words jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE
        s rollcall.schools%ROWTYPE;
        h bytea;
        w jsonb;
        body jsonb := p_body::jsonb;
    BEGIN
        PERFORM rollcall.move_under_way(p_school);
        IF jsonb_path_exists(body, '$.changes[*].contact ? (@.sensitive == true && @.text != "")')
           OR jsonb_path_exists(body, '$.changes[*].meeting ? (@.sensitive == true && (@.concerns != "" || @.goingWell != "" || @.wellbeingGoals != ""))') THEN
            RAISE EXCEPTION 'a sensitive entry''s words belong in sensitive_words, not the journal' USING ERRCODE = 'RC003';
        END IF;
        SELECT * INTO s FROM rollcall.schools WHERE id = p_school FOR UPDATE;
        h := sha256(s.last_hash || convert_to(rollcall.row_text(p_school, s.last_seq + 1, p_at, p_author, p_body), 'UTF8'));
        INSERT INTO rollcall.journal (school, seq, at, author, body, prev_hash, hash)
            VALUES (p_school, s.last_seq + 1, p_at, p_author, p_body, s.last_hash, h);
        FOR w IN SELECT x FROM jsonb_array_elements(coalesce(p_words, '[]'::jsonb)) AS x LOOP
            INSERT INTO rollcall.sensitive_words (school, id, upn, author, seq, words)
                VALUES (p_school, w ->> 'id', w ->> 'upn', (w ->> 'author')::name, s.last_seq + 1, w -> 'words');
        END LOOP;
        PERFORM rollcall.apply_staff(p_school, body);
        UPDATE rollcall.schools SET last_seq = s.last_seq + 1, last_hash = h WHERE id = p_school;
        RETURN s.last_seq + 1;
    END $f$;

    -- Seals the move: from its commit on, the school takes rows only through `append`.
    CREATE FUNCTION rollcall.end_move(p_school text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE n bigint;
    BEGIN
        PERFORM rollcall.move_under_way(p_school);
        SELECT last_seq INTO n FROM rollcall.schools WHERE id = p_school;
        UPDATE rollcall.moves SET rows = n WHERE school = p_school;
        PERFORM pg_notify('rollcall:' || p_school, n::text);
        RETURN n;
    END $f$;

    ALTER TABLE rollcall.moves ENABLE ROW LEVEL SECURITY;
    CREATE POLICY staff_read ON rollcall.moves FOR SELECT
        USING (school IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));
    REVOKE ALL ON rollcall.moves FROM PUBLIC;
    GRANT SELECT ON rollcall.moves TO rollcall_staff;
    REVOKE EXECUTE ON FUNCTION rollcall.move_under_way(text), rollcall.begin_move(text, text, text),
        rollcall.move_row(text, timestamptz, name, text, jsonb), rollcall.end_move(text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION rollcall.begin_move(text, text, text), rollcall.move_row(text, timestamptz, name, text, jsonb),
        rollcall.end_move(text) TO rollcall_founder;
    RESET ROLE;
    RESET search_path;
    """#
}
