// The CPU limit of every running CT (readCpuLimit), cached for the sampler.
// Limits change only when a CT's config does (corralctl writes it by
// rename), so the conf directory is watched and a CT's file re-read when it
// changed: at 500 CTs, re-reading each file every 30 s was a tenth of the
// sampler's CPU. A long re-read interval stays as a backstop for a missed
// event; without a watch (no conf directory yet, no inotify) it is short.
import fs from "node:fs";
import path from "node:path";
import { readCpuLimit } from "@/server/agent/read-cpu-limit";

const WATCHED_TTL_MS = 10 * 60_000;
const UNWATCHED_TTL_MS = 30_000;

export type CpuLimits = {
  // Percent of one CPU; 0 = no limit.
  get: (ctid: number, now: number) => number;
  // Forgets CTs that are no longer running.
  keepOnly: (running: { has: (ctid: number) => boolean }) => void;
  close: () => void;
};

export function watchCpuLimits(root: string): CpuLimits {
  const cache = new Map<number, { pct: number; at: number }>();
  let watcher: fs.FSWatcher | null = null;
  try {
    watcher = fs.watch(path.join(root, "conf"), { persistent: false }, (_event, file) => {
      // "101.conf" (a temporary file renamed over it reports its own name too).
      const m = typeof file === "string" ? /^(\d+)\.conf$/.exec(file) : null;
      if (m) cache.delete(Number(m[1]));
      else if (!file) cache.clear(); // the kernel did not say which file
    });
    watcher.on("error", () => {
      watcher?.close();
      watcher = null;
    });
  } catch {
    watcher = null;
  }
  return {
    get(ctid, now) {
      const c = cache.get(ctid);
      if (c && now - c.at < (watcher ? WATCHED_TTL_MS : UNWATCHED_TTL_MS)) return c.pct;
      const pct = readCpuLimit(root, ctid);
      cache.set(ctid, { pct, at: now });
      return pct;
    },
    keepOnly(running) {
      for (const id of cache.keys()) if (!running.has(id)) cache.delete(id);
    },
    close() {
      watcher?.close();
      watcher = null;
    },
  };
}
