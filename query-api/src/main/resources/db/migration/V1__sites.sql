-- The site read store: the latest state of every site (deleted ones kept, with deleted_at), fed from the
-- csms.projection.sites topic. version guards the upsert: a row is only ever replaced by a higher version.
CREATE TABLE site (
    site_id         text             PRIMARY KEY,
    organisation_id text             NOT NULL,
    name            text             NOT NULL,
    address         text,
    max_power_kw    double precision NOT NULL,
    lat             double precision,
    lng             double precision,
    created_at      timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL,
    deleted_at      timestamptz,
    version         bigint           NOT NULL,
    charger_count   int              NOT NULL DEFAULT 0
);

-- GET /api/v1/sites: an organisation's live sites in (created_at, site_id) order, and their count.
CREATE INDEX site_live_by_organisation ON site (organisation_id, created_at, site_id) WHERE deleted_at IS NULL;
