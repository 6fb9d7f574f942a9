-- Journal schema of pekko-persistence-jdbc for H2, with persistence ids wide enough for a
-- 200-character workflow type and a 200-character instance id. Idempotent.
CREATE TABLE IF NOT EXISTS PUBLIC."event_journal" (
    "ordering" BIGINT UNIQUE NOT NULL AUTO_INCREMENT,
    "deleted" BOOLEAN DEFAULT false NOT NULL,
    "persistence_id" VARCHAR(512) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "writer" VARCHAR NOT NULL,
    "write_timestamp" BIGINT NOT NULL,
    "adapter_manifest" VARCHAR NOT NULL,
    "event_payload" VARBINARY NOT NULL,
    "event_ser_id" INTEGER NOT NULL,
    "event_ser_manifest" VARCHAR NOT NULL,
    "meta_payload" BLOB,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    PRIMARY KEY("persistence_id","sequence_number")
);
CREATE UNIQUE INDEX IF NOT EXISTS "event_journal_ordering_idx" ON PUBLIC."event_journal" ("ordering");
CREATE TABLE IF NOT EXISTS PUBLIC."event_tag" (
    "event_id" BIGINT NOT NULL,
    "tag" VARCHAR NOT NULL,
    PRIMARY KEY("event_id", "tag"),
    CONSTRAINT fk_event_journal FOREIGN KEY("event_id") REFERENCES "event_journal"("ordering") ON DELETE CASCADE
);
-- Events by tag (the awaiting-instances projection) are read by tag in journal order.
CREATE INDEX IF NOT EXISTS "event_tag_tag_idx" ON PUBLIC."event_tag" ("tag", "event_id");
CREATE TABLE IF NOT EXISTS PUBLIC."snapshot" (
    "persistence_id" VARCHAR(512) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "created" BIGINT NOT NULL,
    "snapshot_ser_id" INTEGER NOT NULL,
    "snapshot_ser_manifest" VARCHAR NOT NULL,
    "snapshot_payload" VARBINARY NOT NULL,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    "meta_payload" BLOB,
    PRIMARY KEY("persistence_id","sequence_number")
);
-- The instances whose recovery found that their definition no longer reproduces their history,
-- written by the node that recovered them and read by the health check of every node.
CREATE TABLE IF NOT EXISTS onex_diverged_instances (
    workflow_type VARCHAR(200) NOT NULL,
    instance_id VARCHAR(200) NOT NULL,
    detail VARCHAR(4000) NOT NULL,
    since TIMESTAMP NOT NULL,
    PRIMARY KEY (workflow_type, instance_id)
);
-- The instances that await an intent's outcome or a timer, kept from the journal's events tagged
-- onex-awaiting by a projection, and woken after a crash or the loss of a node.
CREATE TABLE IF NOT EXISTS onex_awaiting_instances (
    workflow_type VARCHAR(200) NOT NULL,
    instance_id VARCHAR(200) NOT NULL,
    sequence_number BIGINT NOT NULL,
    PRIMARY KEY (workflow_type, instance_id)
);
-- One-off steps the engine took on this database (such as waking the instances of a journal
-- written before the awaiting-instances table existed).
CREATE TABLE IF NOT EXISTS onex_migrations (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    done_at TIMESTAMP NOT NULL
);
-- The instance index: one row per instance as of its latest indexed event, kept from the journal's
-- events tagged by slice (onex-slice:<n>) by the instance-index projection, whose offsets are
-- written in the same transaction. Times are epoch milliseconds.
CREATE TABLE IF NOT EXISTS onex_instances (
    workflow_type VARCHAR(200) NOT NULL,
    instance_id VARCHAR(200) NOT NULL,
    status VARCHAR(20) NOT NULL,
    definition_version INTEGER NOT NULL,
    started_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    last_sequence BIGINT NOT NULL,
    correlation_id VARCHAR(512),
    pending_intents INTEGER NOT NULL,
    failure_reason VARCHAR(4000),
    PRIMARY KEY (workflow_type, instance_id)
);
-- Lists come newest start first, by type or across types, optionally by status.
CREATE INDEX IF NOT EXISTS onex_instances_started_idx ON onex_instances (started_at_ms, workflow_type, instance_id);
CREATE INDEX IF NOT EXISTS onex_instances_type_idx ON onex_instances (workflow_type, started_at_ms, instance_id);
CREATE INDEX IF NOT EXISTS onex_instances_status_idx ON onex_instances (status, started_at_ms);
-- The search attributes that an instance's definition declares, with their values after its latest
-- indexed event.
CREATE TABLE IF NOT EXISTS onex_instance_attributes (
    workflow_type VARCHAR(200) NOT NULL,
    instance_id VARCHAR(200) NOT NULL,
    name VARCHAR(64) NOT NULL,
    attribute_value VARCHAR(1000) NOT NULL,
    PRIMARY KEY (workflow_type, instance_id, name)
);
CREATE INDEX IF NOT EXISTS onex_instance_attributes_value_idx ON onex_instance_attributes (name, attribute_value);
