-- Calls to chargers (issue 16), fed from csms.projection.charger-calls: one row per call, requested (version 1,
-- PENDING) and then ended (version 2), never replaced by a lower version. The projection charger-calls is new, so its
-- generation 1 starts here, as V6 made the others'.
CREATE TABLE charger_call_g1 (
    call_id           text        PRIMARY KEY,
    organisation_id   text        NOT NULL,
    charge_point_id   text        NOT NULL,
    action            text        NOT NULL,
    -- the CALL's and the CALLRESULT's payloads as the JSON text sent and received (an audit trail: kept verbatim)
    payload           text        NOT NULL,
    -- ChargerCallStatus: PENDING, ANSWERED, CALL_ERROR, TIMED_OUT, CONNECTION_LOST, INVALID_ANSWER, NOT_SENT
    status            text        NOT NULL,
    answer            text,
    error_code        text,
    error_description text,
    requested_by      text        NOT NULL,
    requested_at      timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    sent_at           timestamptz,
    ended_at          timestamptz,
    version           bigint      NOT NULL
);

-- A charger's calls, newest first.
CREATE INDEX charger_call_g1_by_charger
    ON charger_call_g1 (organisation_id, charge_point_id, requested_at DESC, call_id DESC);

CREATE VIEW charger_call AS SELECT * FROM charger_call_g1;

INSERT INTO projection_generation (projection) VALUES ('charger-calls');
