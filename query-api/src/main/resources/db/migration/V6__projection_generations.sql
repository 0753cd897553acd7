-- Read tables per generation (issue 14, replay): each projection's tables are <table>_g<n>, and readers read a view
-- of the plain name over the live generation's. A rebuild fills generation n's tables beside the live ones; the
-- switch replaces the projection's views in one transaction. What was there becomes generation 1, unchanged.
ALTER TABLE site RENAME TO site_g1;
ALTER TABLE energy_asset RENAME TO energy_asset_g1;
ALTER TABLE charger RENAME TO charger_g1;
ALTER TABLE maintenance_event RENAME TO maintenance_event_g1;
ALTER TABLE charger_state RENAME TO charger_state_g1;
ALTER TABLE site_summary RENAME TO site_summary_g1;
ALTER TABLE charger_interval RENAME TO charger_interval_g1;
ALTER TABLE charger_error RENAME TO charger_error_g1;

CREATE VIEW site AS SELECT * FROM site_g1;
CREATE VIEW energy_asset AS SELECT * FROM energy_asset_g1;
CREATE VIEW charger AS SELECT * FROM charger_g1;
CREATE VIEW maintenance_event AS SELECT * FROM maintenance_event_g1;
CREATE VIEW charger_state AS SELECT * FROM charger_state_g1;
CREATE VIEW site_summary AS SELECT * FROM site_summary_g1;
CREATE VIEW charger_interval AS SELECT * FROM charger_interval_g1;
CREATE VIEW charger_error AS SELECT * FROM charger_error_g1;

-- The generations of each projection: live (the readers' views), building (a replay filling its tables), retiring
-- (the one left after a switch or a cancel, whose topics, groups and tables are still to be dropped), and the number
-- the next rebuild gets (never reused: a dropped generation's topics and groups may linger in Kafka for a while).
CREATE TABLE projection_generation (
    projection      text        PRIMARY KEY,
    live            int         NOT NULL DEFAULT 1,
    building        int,
    retiring        int,
    next_generation int         NOT NULL DEFAULT 2,
    changed_at      timestamptz
);

INSERT INTO projection_generation (projection)
VALUES ('sites'), ('chargers'), ('maintenance'), ('live-states'), ('charger-history');

-- The rebuilds an operator started, kept as their record (status: building, caught_up, completed, cancelled,
-- failed).
CREATE TABLE replay (
    replay_id    text        PRIMARY KEY,
    projection   text        NOT NULL,
    generation   int         NOT NULL,
    status       text        NOT NULL,
    compare      boolean     NOT NULL DEFAULT false,
    events_total bigint,
    events_read  bigint,
    started_at   timestamptz NOT NULL,
    caught_up_at timestamptz,
    finished_at  timestamptz,
    error        text,
    comparison   jsonb
);

CREATE INDEX replay_by_projection ON replay (projection, started_at DESC);

-- The records the read store refused as data (say, a NUL character in a name), so none is silently dropped: one
-- row per record and version, so a poll delivered again does not count twice.
CREATE TABLE read_store_refusal (
    projection  text        NOT NULL,
    generation  int         NOT NULL,
    table_name  text        NOT NULL,
    record_key  text        NOT NULL,
    version     bigint      NOT NULL,
    reason      text        NOT NULL,
    refused_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, generation, record_key, version)
);
