-- Core model: tenants, plans, nodes, CTs, addresses, templates, tasks, audit,
-- API tokens, console sessions.

CREATE TYPE "tenant_status" AS ENUM ('active', 'suspended');
CREATE TYPE "node_status" AS ENUM ('pending', 'online', 'offline');
CREATE TYPE "ct_state" AS ENUM ('creating', 'stopped', 'starting', 'running', 'stopping', 'suspended', 'migrating', 'destroying', 'error', 'missing');
CREATE TYPE "template_status" AS ENUM ('building', 'ready', 'failed');
CREATE TYPE "task_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

ALTER TABLE "user" ADD COLUMN "tenant_id" TEXT;
ALTER TABLE "user" ADD COLUMN "disabled" BOOLEAN NOT NULL DEFAULT false;
-- Staff have no tenant; tenant roles always have one.
ALTER TABLE "user" ADD CONSTRAINT "user_tenant_role_check"
  CHECK (("role" IN ('admin', 'support') AND "tenant_id" IS NULL) OR ("role" IN ('owner', 'member')));

CREATE TABLE "tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "tenant_status" NOT NULL DEFAULT 'active',
    "quota_cts" INTEGER,
    "quota_ram_bytes" BIGINT,
    "quota_disk_bytes" BIGINT,
    "quota_cpus" INTEGER,
    "quota_ipv4" INTEGER,
    "quota_ipv6" INTEGER,
    "webhook_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "plan" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ram_bytes" BIGINT NOT NULL,
    "swap_bytes" BIGINT NOT NULL,
    "disk_bytes" BIGINT NOT NULL,
    "disk_inodes" BIGINT NOT NULL,
    "cpu_units" INTEGER NOT NULL DEFAULT 1000,
    "cpu_limit_pct" INTEGER NOT NULL DEFAULT 0,
    "cpus" INTEGER NOT NULL DEFAULT 0,
    "numproc" INTEGER NOT NULL DEFAULT 0,
    "ioprio" INTEGER NOT NULL DEFAULT 4,
    "io_limit_bps" BIGINT NOT NULL DEFAULT 0,
    "iops_limit" INTEGER NOT NULL DEFAULT 0,
    "traffic_bytes_month" BIGINT NOT NULL DEFAULT 0,
    "ipv4_count" INTEGER NOT NULL DEFAULT 1,
    "ipv6_count" INTEGER NOT NULL DEFAULT 0,
    "backups" INTEGER NOT NULL DEFAULT 0,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "node" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "node_status" NOT NULL DEFAULT 'pending',
    "token_hash" TEXT,
    "maintenance" BOOLEAN NOT NULL DEFAULT false,
    "last_seen_at" TIMESTAMP(3),
    "agent_version" TEXT,
    "kernel" TEXT,
    "cgroup_mode" TEXT,
    "cpus" INTEGER,
    "ram_bytes" BIGINT,
    "disk_bytes" BIGINT,
    "overcommit_ram" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "overcommit_disk" DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "node_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ct" (
    "id" TEXT NOT NULL,
    "ct_number" INTEGER NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "plan_id" TEXT,
    "hostname" TEXT NOT NULL,
    "ostemplate" TEXT NOT NULL,
    "state" "ct_state" NOT NULL DEFAULT 'creating',
    "state_reason" TEXT,
    "ram_bytes" BIGINT NOT NULL,
    "swap_bytes" BIGINT NOT NULL,
    "disk_bytes" BIGINT NOT NULL,
    "disk_inodes" BIGINT NOT NULL,
    "cpu_units" INTEGER NOT NULL DEFAULT 1000,
    "cpu_limit_pct" INTEGER NOT NULL DEFAULT 0,
    "cpus" INTEGER NOT NULL DEFAULT 0,
    "numproc" INTEGER NOT NULL DEFAULT 0,
    "ioprio" INTEGER NOT NULL DEFAULT 4,
    "io_limit_bps" BIGINT NOT NULL DEFAULT 0,
    "iops_limit" INTEGER NOT NULL DEFAULT 0,
    "nameservers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "onboot" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ct_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ct_ctid_check" CHECK ("ct_number" BETWEEN 101 AND 2147483644)
);

CREATE TABLE "ip_pool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" INTEGER NOT NULL,
    "cidr" TEXT NOT NULL,
    "gateway" TEXT,
    "node_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ip_pool_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ip_pool_family_check" CHECK ("family" IN (4, 6))
);

CREATE TABLE "ip_address" (
    "id" TEXT NOT NULL,
    "pool_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "ct_id" TEXT,
    "reverse_dns" TEXT,
    CONSTRAINT "ip_address_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "template" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "os" TEXT,
    "status" "template_status" NOT NULL DEFAULT 'building',
    "size_bytes" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "template_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "task_status" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "ct_id" TEXT,
    "node_id" TEXT,
    "tenant_id" TEXT,
    "actor_id" TEXT,
    "idempotency_key" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" TEXT,
    "log" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    CONSTRAINT "task_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "task_progress_check" CHECK ("progress" BETWEEN 0 AND 100)
);

CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "actor_kind" TEXT NOT NULL,
    "tenant_id" TEXT,
    "ct_id" TEXT,
    "action" TEXT NOT NULL,
    "changes" JSONB,
    "source_ip" TEXT,
    "user_agent" TEXT,
    "result" TEXT NOT NULL,
    "detail" TEXT,
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_event_result_check" CHECK ("result" IN ('success', 'failure'))
);

CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tenant_id" TEXT,
    "created_by_id" TEXT NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "console_session" (
    "id" TEXT NOT NULL,
    "ct_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "read_only" BOOLEAN NOT NULL DEFAULT true,
    "recording_path" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),
    CONSTRAINT "console_session_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "user_tenant_id_idx" ON "user"("tenant_id");
CREATE UNIQUE INDEX "tenant_slug_key" ON "tenant"("slug");
CREATE UNIQUE INDEX "plan_name_key" ON "plan"("name");
CREATE UNIQUE INDEX "node_name_key" ON "node"("name");
CREATE UNIQUE INDEX "node_token_hash_key" ON "node"("token_hash");
CREATE UNIQUE INDEX "ct_node_id_ct_number_key" ON "ct"("node_id", "ct_number");
CREATE INDEX "ct_tenant_id_idx" ON "ct"("tenant_id");
CREATE INDEX "ct_node_id_idx" ON "ct"("node_id");
CREATE INDEX "ct_plan_id_idx" ON "ct"("plan_id");
CREATE INDEX "ct_state_idx" ON "ct"("state");
CREATE INDEX "ct_hostname_idx" ON "ct"("hostname");
CREATE UNIQUE INDEX "ip_pool_name_key" ON "ip_pool"("name");
CREATE INDEX "ip_pool_node_id_idx" ON "ip_pool"("node_id");
CREATE UNIQUE INDEX "ip_address_address_key" ON "ip_address"("address");
CREATE INDEX "ip_address_pool_id_idx" ON "ip_address"("pool_id");
CREATE INDEX "ip_address_ct_id_idx" ON "ip_address"("ct_id");
CREATE UNIQUE INDEX "template_node_id_name_key" ON "template"("node_id", "name");
CREATE INDEX "template_node_id_idx" ON "template"("node_id");
CREATE UNIQUE INDEX "task_actor_id_idempotency_key_key" ON "task"("actor_id", "idempotency_key");
CREATE INDEX "task_ct_id_status_idx" ON "task"("ct_id", "status");
CREATE INDEX "task_node_id_status_idx" ON "task"("node_id", "status");
CREATE INDEX "task_tenant_id_created_at_idx" ON "task"("tenant_id", "created_at");
CREATE INDEX "task_status_idx" ON "task"("status");
CREATE INDEX "audit_event_tenant_id_at_idx" ON "audit_event"("tenant_id", "at");
CREATE INDEX "audit_event_ct_id_at_idx" ON "audit_event"("ct_id", "at");
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");
CREATE INDEX "audit_event_action_idx" ON "audit_event"("action");
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_tenant_id_idx" ON "api_token"("tenant_id");
CREATE INDEX "api_token_created_by_id_idx" ON "api_token"("created_by_id");
CREATE INDEX "console_session_ct_id_started_at_idx" ON "console_session"("ct_id", "started_at");
CREATE INDEX "console_session_user_id_idx" ON "console_session"("user_id");

ALTER TABLE "user" ADD CONSTRAINT "user_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ct" ADD CONSTRAINT "ct_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ct" ADD CONSTRAINT "ct_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ct" ADD CONSTRAINT "ct_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ip_pool" ADD CONSTRAINT "ip_pool_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ip_address" ADD CONSTRAINT "ip_address_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "ip_pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ip_address" ADD CONSTRAINT "ip_address_ct_id_fkey" FOREIGN KEY ("ct_id") REFERENCES "ct"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "template" ADD CONSTRAINT "template_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "task" ADD CONSTRAINT "task_ct_id_fkey" FOREIGN KEY ("ct_id") REFERENCES "ct"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "task" ADD CONSTRAINT "task_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "task" ADD CONSTRAINT "task_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "task" ADD CONSTRAINT "task_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "console_session" ADD CONSTRAINT "console_session_ct_id_fkey" FOREIGN KEY ("ct_id") REFERENCES "ct"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "console_session" ADD CONSTRAINT "console_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit trail is append-only: the application's role cannot rewrite history.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_event_no_update" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
