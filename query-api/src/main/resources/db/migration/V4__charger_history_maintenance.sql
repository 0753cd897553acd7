-- A charger's timeline in intervals, fed from csms.projection.charger-intervals (a row is only ever replaced by a
-- higher version; a tombstone deletes it). Cumulative *_before_ms make any [from, to) total two lookups per charger.
CREATE TABLE charger_interval (
    charge_point_id    text        NOT NULL,
    start_at           timestamptz NOT NULL,
    -- null: the charger's latest interval, still going on
    end_at             timestamptz,
    organisation_id    text        NOT NULL,
    connected          boolean     NOT NULL,
    up                 boolean     NOT NULL,
    charging           boolean     NOT NULL,
    first_at           timestamptz NOT NULL,
    up_before_ms       bigint      NOT NULL,
    online_before_ms   bigint      NOT NULL,
    charging_before_ms bigint      NOT NULL,
    version            bigint      NOT NULL,
    PRIMARY KEY (charge_point_id, start_at)
);

-- Error episodes, fed from csms.projection.charger-errors.
CREATE TABLE charger_error (
    event_id          text        PRIMARY KEY,
    organisation_id   text        NOT NULL,
    charge_point_id   text        NOT NULL,
    connector_id      int         NOT NULL,
    error_code        text        NOT NULL,
    status            text        NOT NULL,
    info              text,
    vendor_error_code text,
    started_at        timestamptz NOT NULL,
    resolved_at       timestamptz,
    version           bigint      NOT NULL
);

-- Newest first, per organisation and per charger.
CREATE INDEX charger_error_by_organisation ON charger_error (organisation_id, started_at DESC, event_id);
CREATE INDEX charger_error_by_charger ON charger_error (charge_point_id, started_at DESC, event_id);

-- Maintenance events, fed from csms.projection.maintenance.
CREATE TABLE maintenance_event (
    maintenance_id  text        PRIMARY KEY,
    organisation_id text        NOT NULL,
    charge_point_id text        NOT NULL,
    type            text        NOT NULL,
    description     text,
    scheduled_at    timestamptz NOT NULL,
    completed_at    timestamptz,
    technician      text,
    notes           text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);

CREATE INDEX maintenance_event_by_charger ON maintenance_event (charge_point_id, scheduled_at);
CREATE INDEX maintenance_event_by_organisation ON maintenance_event (organisation_id, scheduled_at);
