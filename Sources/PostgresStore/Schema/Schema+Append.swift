extension Schema {
    /// The functions every change goes through (who may write, the hash chain's row text and
    /// `append`) and `schema_version()`. Installed after `sql`; written with CREATE OR REPLACE,
    /// so that `upgrade` can run this same script over a database installed at an earlier
    /// version (replacing a function keeps its owner and its grants).
    ///
    /// They are written for the one durable mark, which pays for them on every change: a
    /// SQL function with a fixed `search_path` is never inlined and is parsed and planned
    /// again in every transaction, so `append` is PL/pgSQL (its plans kept for the session)
    /// and the two it calls are single expressions the planner inlines; the role check looks
    /// up the school's group roles by name instead of scanning every role; and `append`
    /// skips the words loop and the grants when the change has none.
    public static let appendSQL: StaticString = #"""
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    CREATE OR REPLACE FUNCTION rollcall.schema_version() RETURNS int LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $f$ SELECT 6 $f$;

    -- Whether `who` is a member of one of the school's group roles `kinds` (office,
    -- attendance, head, dsl): rc_<school>_<kind>, looked up by its exact name (quoted, so
    -- that no other spelling of the school's id can name another school's role). A body of
    -- one expression (RETURN, parsed when it is made, so no search_path is needed): the
    -- planner writes it into the caller's own plan instead of calling a function.
    CREATE OR REPLACE FUNCTION rollcall.has_school_role(who name, school text, kinds text[]) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN coalesce('office' = ANY (kinds) AND pg_has_role(who, to_regrole(quote_ident('rc_' || school || '_office')), 'MEMBER'), false)
        OR coalesce('attendance' = ANY (kinds) AND pg_has_role(who, to_regrole(quote_ident('rc_' || school || '_attendance')), 'MEMBER'), false)
        OR coalesce('head' = ANY (kinds) AND pg_has_role(who, to_regrole(quote_ident('rc_' || school || '_head')), 'MEMBER'), false)
        OR coalesce('dsl' = ANY (kinds) AND pg_has_role(who, to_regrole(quote_ident('rc_' || school || '_dsl')), 'MEMBER'), false);

    -- The text a journal row's hash covers, after the previous row's hash:
    -- sha256(prev_hash || convert_to(school \n seq \n at \n author \n body, 'UTF8')),
    -- with `at` in UTC to the microsecond. The first row's prev_hash is empty. One
    -- expression, written into the caller's plan, as above.
    CREATE OR REPLACE FUNCTION rollcall.row_text(school text, seq bigint, at timestamptz, author name, body text) RETURNS text
    LANGUAGE sql STABLE
    RETURN school || E'\n' || seq::text || E'\n'
        || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n'
        || author::text || E'\n' || body;

    -- Appends one transaction to the school's journal and returns its seq. `p_base` is the
    -- seq the change was checked against: an older one is refused (RC001). The author and
    -- the time are the server's; staff, policy and settings changes are the head's alone;
    -- sensitive words go to their own table (`p_words`: [{id, upn, words}]), never the journal.
    CREATE OR REPLACE FUNCTION rollcall.append(p_school text, p_base bigint, p_body text, p_words jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE
        s rollcall.schools%ROWTYPE;
        body jsonb := p_body::jsonb;
        t timestamptz := clock_timestamp();
        h bytea;
        w jsonb;
        heads_only boolean;
    BEGIN
        IF NOT rollcall.has_school_role(session_user, p_school, ARRAY['office', 'attendance', 'head']) THEN
            RAISE EXCEPTION '% is not staff at school %', session_user, p_school USING ERRCODE = 'RC004';
        END IF;
        SELECT * INTO s FROM rollcall.schools WHERE id = p_school FOR UPDATE;
        IF s.last_seq <> p_base THEN
            RAISE EXCEPTION 'school % has changed since this change was checked (at %, now at %)', p_school, p_base, s.last_seq
                USING ERRCODE = 'RC001';
        END IF;
        IF jsonb_typeof(body -> 'changes') IS DISTINCT FROM 'array' AND body -> 'changes' IS NOT NULL THEN
            RAISE EXCEPTION 'a journal row''s changes are a list' USING ERRCODE = 'RC003';
        END IF;
        heads_only := jsonb_path_exists(body, '$.changes[*] ? (@.kind == "staff" || @.kind == "staffRemoved" || @.kind == "policy" || @.kind == "settings")');
        IF heads_only AND NOT rollcall.has_school_role(session_user, p_school, ARRAY['head']) THEN
            RAISE EXCEPTION 'only the head may change the staff, the policy or the settings' USING ERRCODE = '42501';
        END IF;
        IF jsonb_path_exists(body, '$.changes[*].contact ? (@.sensitive == true && @.text != "")')
           OR jsonb_path_exists(body, '$.changes[*].meeting ? (@.sensitive == true && (@.concerns != "" || @.goingWell != "" || @.wellbeingGoals != ""))') THEN
            RAISE EXCEPTION 'a sensitive entry''s words belong in sensitive_words, not the journal' USING ERRCODE = 'RC003';
        END IF;
        h := sha256(s.last_hash || convert_to(rollcall.row_text(p_school, s.last_seq + 1, t, session_user, p_body), 'UTF8'));
        INSERT INTO rollcall.journal (school, seq, at, author, body, prev_hash, hash)
            VALUES (p_school, s.last_seq + 1, t, session_user, p_body, s.last_hash, h);
        -- Most changes hold no sensitive words: no query for them then.
        IF coalesce(p_words, '[]'::jsonb) <> '[]'::jsonb THEN
            FOR w IN SELECT x FROM jsonb_array_elements(p_words) AS x LOOP
                IF NOT jsonb_path_exists(body, '$.changes[*] ? (@.contact.id == $id || @.meeting.id == $id)', jsonb_build_object('id', w ->> 'id')) THEN
                    RAISE EXCEPTION 'words for %, which this change does not hold', w ->> 'id' USING ERRCODE = 'RC003';
                END IF;
                INSERT INTO rollcall.sensitive_words (school, id, upn, author, seq, words)
                    VALUES (p_school, w ->> 'id', w ->> 'upn', session_user, s.last_seq + 1, w -> 'words');
            END LOOP;
        END IF;
        -- Only a staff change grants or revokes roles, and every staff change is the head's.
        IF heads_only THEN
            PERFORM rollcall.apply_staff(p_school, body);
        END IF;
        UPDATE rollcall.schools SET last_seq = s.last_seq + 1, last_hash = h WHERE id = p_school;
        PERFORM pg_notify('rollcall:' || p_school, (s.last_seq + 1)::text);
        RETURN s.last_seq + 1;
    END $f$;

    -- Functions are executable by PUBLIC unless revoked (made here, they were not there when
    -- `sql` revoked the rest): staff get these, the founder the version.
    REVOKE EXECUTE ON FUNCTION rollcall.schema_version(), rollcall.has_school_role(name, text, text[]),
        rollcall.row_text(text, bigint, timestamptz, name, text), rollcall.append(text, bigint, text, jsonb) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION rollcall.schema_version(), rollcall.has_school_role(name, text, text[]),
        rollcall.row_text(text, bigint, timestamptz, name, text), rollcall.append(text, bigint, text, jsonb) TO rollcall_staff;
    GRANT EXECUTE ON FUNCTION rollcall.schema_version() TO rollcall_founder;
    RESET ROLE;
    RESET search_path;
    """#
}
