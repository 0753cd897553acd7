-- A replay's progress as the query-api instance working it last saw it (any instance answers its status from here),
-- and the live generation a completed replay replaced (left to retire).
ALTER TABLE replay
    ADD COLUMN events_per_second double precision,
    ADD COLUMN stages            jsonb,
    ADD COLUMN replaced          int;
