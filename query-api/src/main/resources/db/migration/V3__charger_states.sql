-- The live state of every charger, fed from csms.projection.charger-states (a row is only ever replaced by a higher
-- version). Read together with the charger registry (table charger), which decides the organisation, the site and
-- whether the charger is in the fleet; a registered charger without a row here is offline.
-- Rewritten on every message a charger sends: room left on each page lets PostgreSQL update in place (HOT).
CREATE TABLE charger_state (
    charge_point_id   text             PRIMARY KEY,
    organisation_id   text,
    connected         boolean          NOT NULL,
    -- the rolled-up ChargerStatus, as in the projection: offline, faulted, charging, available, online
    status            text             NOT NULL,
    last_seen_at      timestamptz,
    last_heartbeat_at timestamptz,
    vendor            text,
    model             text,
    firmware_version  text,
    ocpp_version      text,
    active_sessions   int              NOT NULL,
    power_kw          double precision NOT NULL,
    -- the energy delivered on the UTC day energy_day (today's figure only if energy_day is today)
    energy_today_wh   double precision NOT NULL,
    energy_day        date,
    -- [{connector_id, status, error_code, total_sessions, total_energy_wh}] by connector_id, 0 included
    connectors        jsonb            NOT NULL DEFAULT '[]',
    version           bigint           NOT NULL
) WITH (fillfactor = 50);

-- The fleet of an organisation: its chargers in the registry, in charge_point_id order.
CREATE INDEX charger_registered_by_organisation ON charger (organisation_id, charge_point_id)
    WHERE decommissioned_at IS NULL;
