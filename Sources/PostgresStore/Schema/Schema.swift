/// Rollcall's tables, roles and functions in PostgreSQL (see docs/postgres-store.md).
///
/// Several schools share one database: every row carries its school's id, and row-level
/// security shows a login only the schools it is staff at. Each school has four group roles,
/// `rc_<school>_office`, `_attendance`, `_head` and `_dsl`; staff are members of them and so
/// of `rollcall_staff`, which may read the tables and call the functions below, nothing
/// else. Every write goes through a SECURITY DEFINER function with a fixed search_path,
/// owned by `rollcall_owner` (no login): the journal is append-only, its author is the
/// login the server authenticated (`session_user`, which staff cannot change), and each row
/// carries the SHA-256 of the row before it.
public enum Schema {
    /// Bumped whenever the SQL changes; `rollcall.schema_version()` (in `appendSQL`) returns it.
    /// 6: the functions a change goes through were made cheaper (`appendSQL`), and only a
    /// school's newest snapshots are kept (`snapshotsKeepSQL`); `upgrade` brings a database
    /// installed at 5 to 6.
    public static let version = 6

    /// SQLSTATEs the functions raise, beside PostgreSQL's own (42501: not permitted).
    public enum State {
        /// The change was based on an older version of the school than the journal's last row.
        public static let staleBase = "RC001"
        /// Not what a journal row may hold (sensitive words in it, words for no entry in it).
        public static let invalid = "RC003"
        /// No such school (or the login is not staff at it).
        public static let noSchool = "RC004"
    }

    /// Installs the schema: run once per database, by a superuser (it makes the roles).
    public static let sql: StaticString = #"""
    DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollcall_owner') THEN
            -- Owns the tables and the functions; makes each school's roles, so it needs CREATEROLE.
            CREATE ROLE rollcall_owner NOLOGIN CREATEROLE;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollcall_staff') THEN
            CREATE ROLE rollcall_staff NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollcall_founder') THEN
            -- May create a school (and become its head): granted by the database's owner.
            CREATE ROLE rollcall_founder NOLOGIN;
        END IF;
    END $$;

    CREATE SCHEMA rollcall AUTHORIZATION rollcall_owner;
    REVOKE ALL ON SCHEMA rollcall FROM PUBLIC;
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    CREATE TABLE rollcall.schools (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{0,39}$'),
        name text NOT NULL,
        -- The head of the journal's chain, so that a change locks one row to append.
        last_seq bigint NOT NULL DEFAULT 0,
        last_hash bytea NOT NULL DEFAULT ''::bytea
    );

    CREATE TABLE rollcall.journal (
        school text NOT NULL REFERENCES rollcall.schools (id),
        seq bigint NOT NULL CHECK (seq > 0),
        at timestamptz NOT NULL,
        author name NOT NULL,
        -- The transaction as the file store's journal lines write it (JSON), words kept apart.
        body text NOT NULL,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (school, seq)
    );

    CREATE TABLE rollcall.sensitive_words (
        school text NOT NULL REFERENCES rollcall.schools (id),
        id text NOT NULL,
        upn text NOT NULL,
        author name NOT NULL,
        seq bigint NOT NULL,
        words jsonb NOT NULL,
        PRIMARY KEY (school, id),
        FOREIGN KEY (school, seq) REFERENCES rollcall.journal (school, seq)
    );

    -- Append-only, even for the owner: only a superuser who drops these can rewrite history,
    -- and the hash chain then shows it.
    CREATE FUNCTION rollcall.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
    END $f$;
    CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON rollcall.journal
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON rollcall.journal
        FOR EACH STATEMENT EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER words_append_only BEFORE UPDATE OR DELETE ON rollcall.sensitive_words
        FOR EACH ROW EXECUTE FUNCTION rollcall.refuse_rewrite();
    CREATE TRIGGER words_no_truncate BEFORE TRUNCATE ON rollcall.sensitive_words
        FOR EACH STATEMENT EXECUTE FUNCTION rollcall.refuse_rewrite();

    -- The schools at which `who` is a member of one of the group roles `kinds` (office,
    -- attendance, head, dsl), from the roles' names (rc_<school>_<kind>). Row-level security
    -- asks it for current_user, as an uncorrelated subquery (worked out once per statement);
    -- the SECURITY DEFINER functions ask for session_user (inside them current_user is the owner).
    CREATE FUNCTION rollcall.schools_where(who name, kinds text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
        SELECT DISTINCT substring(r.rolname FROM '^rc_(.*)_[a-z]+$')
        FROM pg_roles r
        WHERE r.rolname ~ '^rc_.*_[a-z]+$'
          AND substring(r.rolname FROM '_([a-z]+)$') = ANY (kinds)
          AND pg_has_role(who, r.oid, 'MEMBER')
    $f$;

    -- has_school_role, row_text, append and schema_version are in `appendSQL` (installed next).

    -- The first row whose hash does not follow from the row before it, or NULL when the
    -- chain is sound (as far as the caller may read it: staff read their own school's).
    CREATE FUNCTION rollcall.first_broken_row(p_school text) RETURNS bigint
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE
        r record;
        prev bytea := ''::bytea;
        expected bigint := 1;
    BEGIN
        FOR r IN SELECT j.seq, j.at, j.author, j.body, j.prev_hash, j.hash FROM rollcall.journal j
                 WHERE j.school = p_school ORDER BY j.seq LOOP
            IF r.seq <> expected OR r.prev_hash <> prev
               OR r.hash <> sha256(prev || convert_to(rollcall.row_text(p_school, r.seq, r.at, r.author, r.body), 'UTF8')) THEN
                RETURN r.seq;
            END IF;
            prev := r.hash;
            expected := expected + 1;
        END LOOP;
        RETURN NULL;
    END $f$;

    -- Locks the school for a change (until the caller's transaction ends) and returns the
    -- last row's seq: the caller reads what it has not seen, checks its change, and appends.
    CREATE FUNCTION rollcall.lock_school(p_school text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE last bigint;
    BEGIN
        IF NOT rollcall.has_school_role(session_user, p_school, ARRAY['office', 'attendance', 'head']) THEN
            RAISE EXCEPTION '% is not staff at school %', session_user, p_school USING ERRCODE = 'RC004';
        END IF;
        SELECT s.last_seq INTO last FROM rollcall.schools s WHERE s.id = p_school FOR UPDATE;
        RETURN last;
    END $f$;

    -- Grants or revokes the school's group roles as a journal row's staff changes say.
    CREATE FUNCTION rollcall.apply_staff(p_school text, p_body jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE
        c jsonb;
        login text;
        target pg_roles%ROWTYPE;
        k text;
        wanted boolean;
    BEGIN
        FOR c IN SELECT x FROM jsonb_array_elements(coalesce(p_body -> 'changes', '[]'::jsonb)) AS x
                 WHERE x ->> 'kind' IN ('staff', 'staffRemoved') LOOP
            login := CASE WHEN c ->> 'kind' = 'staff' THEN c -> 'staff' ->> 'login' ELSE c ->> 'login' END;
            IF login IS NULL OR login = '' THEN
                RAISE EXCEPTION 'a staff change without a login' USING ERRCODE = 'RC003';
            END IF;
            SELECT * INTO target FROM pg_roles WHERE rolname = login;
            IF NOT FOUND AND c ->> 'kind' = 'staff' THEN
                -- A login without a password: it can connect only by peer authentication (the
                -- OS login of that name) until the database's owner gives it another way.
                BEGIN
                    EXECUTE format('CREATE ROLE %I LOGIN', login);
                EXCEPTION WHEN unique_violation OR duplicate_object THEN
                    NULL;  -- another school's head added the same login at the same moment
                END;
                SELECT * INTO target FROM pg_roles WHERE rolname = login;
            END IF;
            IF FOUND AND (NOT target.rolcanlogin OR target.rolsuper OR target.rolname LIKE 'rollcall\_%') THEN
                RAISE EXCEPTION '% is not a staff login (a group role, a superuser or Rollcall''s own)', login USING ERRCODE = '42501';
            END IF;
            CONTINUE WHEN NOT FOUND;
            FOREACH k IN ARRAY ARRAY['office', 'attendance', 'head', 'dsl'] LOOP
                wanted := c ->> 'kind' = 'staff' AND CASE WHEN k = 'dsl' THEN coalesce((c -> 'staff' ->> 'isDSL')::boolean, false)
                                                        ELSE c -> 'staff' ->> 'role' = k END;
                IF wanted THEN
                    EXECUTE format('GRANT %I TO %I', 'rc_' || p_school || '_' || k, login);
                ELSIF EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                              WHERE g.rolname = 'rc_' || p_school || '_' || k AND m.member = target.oid) THEN
                    -- Only a membership there is revoked: revoking one never granted only warns.
                    EXECUTE format('REVOKE %I FROM %I', 'rc_' || p_school || '_' || k, login);
                END IF;
            END LOOP;
        END LOOP;
    END $f$;

    -- Creates a school whose head is the caller, with its four group roles, and appends its
    -- first row (`p_body`: the head on the staff list, and anything else the school starts with).
    -- The school's row and its four group roles: for create_school and a move's begin_move
    -- (called from those SECURITY DEFINER functions only; nobody else may execute it).
    CREATE FUNCTION rollcall.add_school(p_school text, p_name text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE k text;
    BEGIN
        INSERT INTO rollcall.schools (id, name) VALUES (p_school, p_name);
        FOREACH k IN ARRAY ARRAY['office', 'attendance', 'head', 'dsl'] LOOP
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rc_' || p_school || '_' || k) THEN
                RAISE EXCEPTION 'role % already exists (a school of that id in another database?)', 'rc_' || p_school || '_' || k
                    USING ERRCODE = '42710';
            END IF;
            EXECUTE format('CREATE ROLE %I NOLOGIN IN ROLE rollcall_staff', 'rc_' || p_school || '_' || k);
        END LOOP;
    END $f$;

    CREATE FUNCTION rollcall.create_school(p_school text, p_name text, p_body text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
        IF NOT pg_has_role(session_user, 'rollcall_founder', 'MEMBER') THEN
            RAISE EXCEPTION '% may not create schools (the database''s owner grants rollcall_founder)', session_user USING ERRCODE = '42501';
        END IF;
        IF EXISTS (SELECT FROM rollcall.schools WHERE id = p_school) THEN
            RAISE EXCEPTION 'school % already exists in this database', p_school USING ERRCODE = '42710';
        END IF;
        PERFORM rollcall.add_school(p_school, p_name);
        EXECUTE format('GRANT %I TO %I', 'rc_' || p_school || '_head', session_user);
        RETURN rollcall.append(p_school, 0, p_body, '[]'::jsonb);
    END $f$;

    ALTER TABLE rollcall.schools ENABLE ROW LEVEL SECURITY;
    ALTER TABLE rollcall.journal ENABLE ROW LEVEL SECURITY;
    ALTER TABLE rollcall.sensitive_words ENABLE ROW LEVEL SECURITY;
    CREATE POLICY staff_read ON rollcall.schools FOR SELECT
        USING (id IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));
    CREATE POLICY staff_read ON rollcall.journal FOR SELECT
        USING (school IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));
    -- The words of a sensitive note: its author, the school's DSL and its head.
    CREATE POLICY dsl_head_author_read ON rollcall.sensitive_words FOR SELECT
        USING (author = current_user OR school IN (SELECT rollcall.schools_where(current_user, ARRAY['dsl', 'head'])));

    -- Functions are executable by PUBLIC unless revoked: staff get exactly these.
    REVOKE ALL ON ALL TABLES IN SCHEMA rollcall FROM PUBLIC;
    REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA rollcall FROM PUBLIC;
    GRANT USAGE ON SCHEMA rollcall TO rollcall_staff, rollcall_founder;
    GRANT SELECT ON rollcall.schools, rollcall.journal, rollcall.sensitive_words TO rollcall_staff;
    GRANT EXECUTE ON FUNCTION rollcall.schools_where(name, text[]), rollcall.first_broken_row(text), rollcall.lock_school(text) TO rollcall_staff;
    GRANT EXECUTE ON FUNCTION rollcall.create_school(text, text, text) TO rollcall_founder;
    RESET ROLE;
    RESET search_path;
    """#
}
