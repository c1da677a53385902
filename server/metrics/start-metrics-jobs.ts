// The panel's metrics jobs: flush finished minutes to Postgres, rebuild the
// recent hours' rollups, and prune by retention. Started once per panel
// process; on shutdown the minutes in progress are written as they are.
import { moduleLogger } from "@/server/logger";
import { metricsStore } from "@/server/metrics/metrics-store";
import { pruneMetrics } from "@/server/metrics/prune-metrics";
import { rollUpHours } from "@/server/metrics/roll-up-hours";
import { writeMinuteRollups } from "@/server/metrics/write-minute-rollups";

const log = moduleLogger("metrics-jobs");

const FLUSH_MS = 10_000;
const HOURS_MS = 5 * 60_000;
const PRUNE_MS = 60 * 60_000;
const HOUR = 3_600_000;
// Longer than one HOURS_MS period, so at least one run after the hour covers it.
const PREVIOUS_HOUR_MS = HOURS_MS + 5 * 60_000;

export function startMetricsJobs(): () => Promise<void> {
  let busy = false;
  const guard = (name: string, fn: () => Promise<unknown>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await fn();
    } catch (err) {
      log.error({ err, job: name }, "metrics job failed");
    } finally {
      busy = false;
    }
  };
  const flush = guard("flush", () => writeMinuteRollups(metricsStore().takeFinishedMinutes(Date.now())));
  // The current hour, and in the first minutes after an hour ends the
  // previous one too: its last minutes (and those of CTs that stopped, closed
  // a minute late) may have been flushed after the last run. Rebuilding the
  // previous hour on every run cost three times the rows at 500 CTs.
  const hours = guard("hours", () => {
    const now = Date.now();
    const hour = Math.floor(now / HOUR) * HOUR;
    return rollUpHours(new Date(now - hour < PREVIOUS_HOUR_MS ? hour - HOUR : hour), new Date(now));
  });
  const prune = guard("prune", async () => log.info(await pruneMetrics(), "pruned metrics past retention"));
  const timers = [setInterval(flush, FLUSH_MS), setInterval(hours, HOURS_MS), setInterval(prune, PRUNE_MS)];
  timers.forEach((t) => t.unref());
  void prune();
  return async () => {
    timers.forEach(clearInterval);
    await writeMinuteRollups(metricsStore().takeFinishedMinutes(Date.now(), true)).catch((err) => log.error({ err }, "writing the last minutes failed"));
  };
}
