// Builds the hourly rollups of every CT from its minute rows, for the hours
// that overlap [from, to). The current hour is rebuilt on every run, so the
// 30-day and 1-year charts reach up to the last few minutes. Done inside
// Postgres in one statement, with the arithmetic of combine-rollups.ts (min
// of mins, max of maxes, the average weighted by sample counts, rounded to 3
// decimals): at 500 CTs an hour of minutes is 30,000 JSON rows, not worth
// carrying through the panel every five minutes. "at" holds UTC; the casts
// drop the ISO strings' Z.
import { db } from "@/server/db/client";

const HOUR = 3_600_000;

export async function rollUpHours(from: Date, to: Date): Promise<number> {
  const start = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
  // Replace, not skip: the hour may have grown since the last run.
  return db().$executeRaw`
    WITH m AS (
      SELECT "ct_id", date_trunc('hour', "at") AS "hour", "count", "stats"
      FROM "ct_metric_minute" WHERE "at" >= ${start.toISOString()}::timestamp AND "at" < ${to.toISOString()}::timestamp
    ), per_key AS (
      SELECT m."ct_id", m."hour", e.key,
             min((e.value->>0)::float8) AS mn, max((e.value->>2)::float8) AS mx,
             sum((e.value->>1)::float8 * m."count") AS s, sum(m."count") AS n
      FROM m, jsonb_each(m."stats") e GROUP BY 1, 2, 3
    ), per_stats AS (
      SELECT "ct_id", "hour", jsonb_object_agg(key, jsonb_build_array(mn, CASE WHEN n > 0 THEN round((s / n)::numeric, 3) ELSE 0 END, mx)) AS "stats"
      FROM per_key GROUP BY 1, 2
    ), per_hour AS (
      SELECT "ct_id", "hour", sum("count")::int AS "count" FROM m GROUP BY 1, 2
    )
    INSERT INTO "ct_metric_hour" ("ct_id", "at", "count", "stats")
    SELECT h."ct_id", h."hour", h."count", COALESCE(s."stats", '{}'::jsonb)
    FROM per_hour h LEFT JOIN per_stats s ON s."ct_id" = h."ct_id" AND s."hour" = h."hour"
    ON CONFLICT ("ct_id", "at") DO UPDATE SET "count" = EXCLUDED."count", "stats" = EXCLUDED."stats"`;
}
