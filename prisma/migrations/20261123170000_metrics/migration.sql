-- Live metrics history, the CT timeline and tenant notifications (issue 7).

-- One-minute rollups (kept 30 days) and hourly rollups (kept a year) of each
-- CT's samples: {"metric": [min, avg, max]}. No foreign key to ct: these are
-- the panel's highest-volume inserts, and the retention job ages out the rows
-- of terminated CTs.
CREATE TABLE "ct_metric_minute" (
    "ct_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "stats" JSONB NOT NULL,
    CONSTRAINT "ct_metric_minute_pkey" PRIMARY KEY ("ct_id", "at")
);
CREATE INDEX "ct_metric_minute_at_idx" ON "ct_metric_minute"("at");

CREATE TABLE "ct_metric_hour" (
    "ct_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "stats" JSONB NOT NULL,
    CONSTRAINT "ct_metric_hour_pkey" PRIMARY KEY ("ct_id", "at")
);
CREATE INDEX "ct_metric_hour_at_idx" ON "ct_metric_hour"("at");

-- Limit hits and OOM kills on the CT's timeline.
CREATE TABLE "ct_event" (
    "id" BIGSERIAL NOT NULL,
    "ct_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "process" TEXT,
    "message" TEXT NOT NULL,
    CONSTRAINT "ct_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ct_event_ct_id_at_idx" ON "ct_event"("ct_id", "at");
CREATE INDEX "ct_event_tenant_id_at_idx" ON "ct_event"("tenant_id", "at");
ALTER TABLE "ct_event" ADD CONSTRAINT "ct_event_ct_id_fkey" FOREIGN KEY ("ct_id") REFERENCES "ct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "ct_id" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "read_at" TIMESTAMP(3),
    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_tenant_id_at_idx" ON "notification"("tenant_id", "at");
CREATE INDEX "notification_ct_id_idx" ON "notification"("ct_id");
ALTER TABLE "notification" ADD CONSTRAINT "notification_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
