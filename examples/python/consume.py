"""Follows public topics of Dynamo CSMS and prints every record: topic, key, the value's type (with its payload's
type where it has one, e.g. SiteEvent/SiteCreated) and the value as JSON, or "deleted" for a tombstone.

Run from the repository's root, which holds the schema files in schemas/public:
    apt-get install python3-confluent-kafka python3-avro    # Debian's packages, for /usr/bin/python3
    /usr/bin/python3 examples/python/consume.py BOOTSTRAP_SERVERS GROUP_ID TOPIC...
"""
import io
import json
import signal
import sys

import avro.io
import avro.schema
from confluent_kafka import Consumer

SCHEMAS = "schemas/public"


def writer_schemas():
    """Every released writer schema by its fingerprint, as the index lists them."""
    schemas = {}
    with open(f"{SCHEMAS}/fingerprints.tsv") as index:
        next(index)  # fingerprint, schema, version, file
        for line in index:
            fingerprint, _, _, file = line.rstrip("\n").split("\t")
            with open(f"{SCHEMAS}/{file}") as schema:
                schemas[fingerprint] = avro.schema.parse(schema.read())
    return schemas


class BranchNamingReader(avro.io.DatumReader):
    """python-avro decodes a union's record as a plain dict; where a union has several records, this one names the
    record as Avro's JSON encoding does: {"<full name>": {...}}."""

    def read_union(self, writers_schema, readers_schema, decoder):
        branch = writers_schema.schemas[decoder.read_long()]
        datum = self.read_data(branch, readers_schema, decoder)
        records = [s for s in writers_schema.schemas if s.type == "record"]
        return {branch.fullname: datum} if branch.type == "record" and len(records) > 1 else datum


def decode(value, schemas):
    """A value in Avro single-object encoding: C3 01, the writer schema's 8-byte fingerprint, the binary datum."""
    if value[:2] != b"\xc3\x01":
        raise ValueError("not Avro single-object encoding")
    schema = schemas.get(value[2:10].hex())
    if schema is None:
        raise ValueError(f"writer schema {value[2:10].hex()} is not in {SCHEMAS}: update the schema files")
    return schema.name, BranchNamingReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def describe(value, schemas):
    """The value's type (and its payload's) and the value as JSON, or "deleted" for a tombstone."""
    if value is None:  # a tombstone: the key is deleted
        return "deleted"
    kind, record = decode(value, schemas)
    payload = record.get("payload")
    if isinstance(payload, dict):  # a union of records, named by BranchNamingReader
        kind += "/" + next(iter(payload)).rsplit(".", 1)[-1]
    return f"{kind} {json.dumps(record, default=str)}"


def main(bootstrap_servers, group_id, *topics):
    schemas = writer_schemas()
    consumer = Consumer({
        "bootstrap.servers": bootstrap_servers,
        "group.id": group_id,
        "auto.offset.reset": "earliest",  # a new group starts at the beginning
        "isolation.level": "read_committed",  # the writers are transactional: never see aborted records
        "enable.auto.offset.store": False,  # commit (automatically) only what was handled: store_offsets below
    })
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave the group at once (close) when stopped
    consumer.subscribe(list(topics))
    try:
        while True:
            record = consumer.poll(1.0)
            if record is None:
                continue
            if record.error():
                print(record.error(), file=sys.stderr)
                continue
            print(record.topic(), record.key().decode("utf-8"), describe(record.value(), schemas), flush=True)
            consumer.store_offsets(record)
    finally:
        consumer.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
