// The retention job: minute rollups older than 30 days, hourly rollups and
// timeline events older than a year, notifications older than 90 days.
import { db } from "@/server/db/client";

export const MINUTE_RETENTION_MS = 30 * 86_400_000;
export const HOUR_RETENTION_MS = 365 * 86_400_000;
const NOTIFICATION_RETENTION_MS = 90 * 86_400_000;

export async function pruneMetrics(now = new Date()) {
  const t = now.getTime();
  const [minutes, hours, events, notifications] = await Promise.all([
    db().ctMetricMinute.deleteMany({ where: { at: { lt: new Date(t - MINUTE_RETENTION_MS) } } }),
    db().ctMetricHour.deleteMany({ where: { at: { lt: new Date(t - HOUR_RETENTION_MS) } } }),
    db().ctEvent.deleteMany({ where: { at: { lt: new Date(t - HOUR_RETENTION_MS) } } }),
    db().notification.deleteMany({ where: { at: { lt: new Date(t - NOTIFICATION_RETENTION_MS) } } }),
  ]);
  return { minutes: minutes.count, hours: hours.count, events: events.count, notifications: notifications.count };
}
