extension Schema {
    /// What a trust sees of its schools (issue 23): each school's figures as its own staff's
    /// Rollcall published them (counts and percentages; no pupil identifiers), through one
    /// view granted to `rollcall_trust`. A trust lead has no grant on the journal, so can
    /// read no pupil's name except at a school where the login is also staff.
    public static let trustSQL: StaticString = #"""
    DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollcall_trust') THEN
            -- Granted by the database's owner to the trust's leads: figures for every school.
            CREATE ROLE rollcall_trust NOLOGIN;
        END IF;
    END $$;
    SET ROLE rollcall_owner;
    SET search_path = rollcall, pg_catalog, pg_temp;

    CREATE TABLE rollcall.school_figures (
        school text NOT NULL REFERENCES rollcall.schools (id),
        as_of date NOT NULL,
        -- The journal row the figures were worked out from.
        seq bigint NOT NULL,
        published_at timestamptz NOT NULL,
        published_by name NOT NULL,
        figures jsonb NOT NULL,
        PRIMARY KEY (school, as_of)
    );
    ALTER TABLE rollcall.school_figures ENABLE ROW LEVEL SECURITY;
    CREATE POLICY staff_read ON rollcall.school_figures FOR SELECT
        USING (school IN (SELECT rollcall.schools_where(current_user, ARRAY['office', 'attendance', 'head'])));

    -- Staff publish their school's figures as of a date; a later version of the school
    -- replaces an earlier one for the same date, never the other way. Keys that name a pupil
    -- are refused: the figures are for a login that may not know who the pupils are.
    CREATE FUNCTION rollcall.publish_figures(p_school text, p_as_of date, p_seq bigint, p_figures jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE last bigint;
    BEGIN
        IF NOT rollcall.has_school_role(session_user, p_school, ARRAY['office', 'attendance', 'head']) THEN
            RAISE EXCEPTION '% is not staff at school %', session_user, p_school USING ERRCODE = 'RC004';
        END IF;
        SELECT s.last_seq INTO last FROM rollcall.schools s WHERE s.id = p_school;
        IF p_seq > last OR p_seq < 0 THEN
            RAISE EXCEPTION 'figures of school % at version %, which it has not reached (%)', p_school, p_seq, last USING ERRCODE = 'RC003';
        END IF;
        IF jsonb_path_exists(p_figures, 'lax $.**.upn') OR jsonb_path_exists(p_figures, 'lax $.**.surname')
           OR jsonb_path_exists(p_figures, 'lax $.**.forename') OR jsonb_path_exists(p_figures, 'lax $.**.pupils_named') THEN
            RAISE EXCEPTION 'a school''s published figures may not name pupils' USING ERRCODE = 'RC003';
        END IF;
        INSERT INTO rollcall.school_figures (school, as_of, seq, published_at, published_by, figures)
            VALUES (p_school, p_as_of, p_seq, clock_timestamp(), session_user, p_figures)
            ON CONFLICT (school, as_of) DO UPDATE
                SET seq = excluded.seq, published_at = excluded.published_at, published_by = excluded.published_by, figures = excluded.figures
                WHERE rollcall.school_figures.seq <= excluded.seq;
    END $f$;

    -- Every school in the database, with its figures as of each date published. The view
    -- reads as its owner, so it shows every school to the trust role, and it holds no pupil.
    CREATE VIEW rollcall.trust_figures AS
        SELECT s.id AS school, s.name, f.as_of, f.seq, f.published_at, f.published_by, f.figures
        FROM rollcall.schools s LEFT JOIN rollcall.school_figures f ON f.school = s.id;

    REVOKE ALL ON rollcall.school_figures, rollcall.trust_figures FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION rollcall.publish_figures(text, date, bigint, jsonb) FROM PUBLIC;
    GRANT USAGE ON SCHEMA rollcall TO rollcall_trust;
    GRANT SELECT ON rollcall.school_figures TO rollcall_staff;
    GRANT SELECT ON rollcall.trust_figures TO rollcall_trust;
    GRANT EXECUTE ON FUNCTION rollcall.publish_figures(text, date, bigint, jsonb) TO rollcall_staff;
    RESET ROLE;
    RESET search_path;
    """#
}
