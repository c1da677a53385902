-- Node agents and tasks: boot id for onboot-after-reboot, one active task per
-- CT enforced by the database, orphan CTs found by reconciliation, and the
-- socket.io Postgres adapter's table for large cross-replica payloads.

-- The kernel's boot id the agent last reported: a change means the node rebooted.
ALTER TABLE "node" ADD COLUMN "boot_id" TEXT;

-- Operations on one CT are serialized: at most one queued or running task per
-- CT. Two concurrent requests cannot both pass a read-then-insert check; this
-- index makes the second insert fail, and enqueueTask turns that into a 409.
CREATE UNIQUE INDEX "task_one_active_per_ct" ON "task"("ct_id") WHERE "status" IN ('queued', 'running');

-- A CT a node runs that the database does not know. Never destroyed
-- automatically: an admin adopts it into a tenant or removes it.
CREATE TABLE "orphan_ct" (
    "id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "ct_number" INTEGER NOT NULL,
    "hostname" TEXT,
    "ostemplate" TEXT,
    "status" TEXT NOT NULL,
    "ip_addresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "orphan_ct_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "orphan_ct_node_id_ct_number_key" ON "orphan_ct"("node_id", "ct_number");
CREATE INDEX "orphan_ct_node_id_idx" ON "orphan_ct"("node_id");
ALTER TABLE "orphan_ct" ADD CONSTRAINT "orphan_ct_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- @socket.io/postgres-adapter stores payloads over its NOTIFY size limit here.
CREATE TABLE "socket_io_attachments" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" BYTEA NOT NULL,
    CONSTRAINT "socket_io_attachments_pkey" PRIMARY KEY ("id")
);
