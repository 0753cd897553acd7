-- Read-your-writes without a token (issue 15). Before command-service answers a write, it records here each resource
-- the write changed, named after its path ('sites/site_…', 'chargers/CP-1', 'chargers/CP-1/maintenance'), with the
-- aggregate whose version holds the change; a read of that resource waits (bounded) until the read store holds that
-- version. One table for every generation: it describes writes, not a projection. query-api deletes rows older than
-- csms.query.recent-write-horizon.
CREATE TABLE recent_write (
    organisation_id text        NOT NULL,
    resource        text        NOT NULL,
    aggregate_id    text        NOT NULL,
    version         bigint      NOT NULL,
    written_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, resource, aggregate_id)
);

CREATE INDEX recent_write_written_at ON recent_write (written_at);
