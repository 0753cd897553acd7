-- The charger read store: the latest registry state of every charger (decommissioned ones kept, with
-- decommissioned_at), fed from csms.projection.chargers. Only whether a password is set, never its hash.
CREATE TABLE charger (
    charge_point_id   text        PRIMARY KEY,
    organisation_id   text        NOT NULL,
    vendor            text,
    model             text,
    password_set      boolean     NOT NULL,
    site_id           text,
    linked_at         timestamptz,
    registered_at     timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    decommissioned_at timestamptz,
    version           bigint      NOT NULL
);

-- The chargers of a site.
CREATE INDEX charger_by_site ON charger (site_id, charge_point_id) WHERE site_id IS NOT NULL;

-- The energy assets of every live site, in the site's order (position), written with the site row from the same
-- SiteView in the same transaction; a deleted site has none.
CREATE TABLE energy_asset (
    asset_id        text             PRIMARY KEY,
    site_id         text             NOT NULL,
    organisation_id text             NOT NULL,
    type            text             NOT NULL,
    name            text             NOT NULL,
    capacity_kw     double precision NOT NULL,
    metadata        jsonb            NOT NULL DEFAULT '{}',
    created_at      timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL,
    position        int              NOT NULL
);

CREATE INDEX energy_asset_by_site ON energy_asset (site_id, position);

-- The live summary of every site, fed from csms.projection.site-summaries (a tombstone deletes the row).
-- Rewritten up to ~1,000 times a second: room left on each page lets PostgreSQL update in place (HOT).
CREATE TABLE site_summary (
    site_id            text             PRIMARY KEY,
    organisation_id    text             NOT NULL,
    name               text             NOT NULL,
    max_power_kw       double precision NOT NULL,
    current_power_kw   double precision NOT NULL,
    chargers_total     int              NOT NULL,
    chargers_online    int              NOT NULL,
    chargers_charging  int              NOT NULL,
    chargers_available int              NOT NULL,
    chargers_faulted   int              NOT NULL,
    active_sessions    int              NOT NULL,
    -- [{asset_id, type, name, capacity_kw, current_output_kw, measured_at}] as in SiteSummary.energy_assets
    energy_assets      jsonb            NOT NULL DEFAULT '[]',
    updated_at         timestamptz      NOT NULL,
    version            bigint           NOT NULL
) WITH (fillfactor = 50);
