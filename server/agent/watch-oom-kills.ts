// OOM victims' names from the kernel log. The memory cgroup's counters only
// say *that* the kernel killed something (memory.oom_control `oom_kill` on
// v1, memory.events `oom_kill` on v2); the name is only in the kernel's
// "oom-kill:...,oom_memcg=/<parent>/<CTID>,...,task=<comm>,pid=N" line, so
// the agent (root) reads /dev/kmsg. Non-blocking and drained on each sample
// tick: a blocking read would hold a libuv worker thread forever.
import fs from "node:fs";
import path from "node:path";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("agent-oom");

export type OomWatcher = { drain: () => Map<number, string[]>; close: () => void };

function cgroupParent(root: string): string {
  try {
    const m = fs.readFileSync(path.join(root, "node.conf"), "utf8").match(/^\s*CGROUP_PARENT\s*=\s*"?([^"\s]+)"?\s*$/m);
    if (m) return m[1]!;
  } catch {
    // corralctl's default below.
  }
  return "corral";
}

// Parses one /dev/kmsg record ("prio,seq,usec,flags;message"); exported for tests.
export function parseOomKill(record: string, parent: string): { ctid: number; task: string } | null {
  const msg = record.slice(record.indexOf(";") + 1);
  if (!msg.startsWith("oom-kill:")) return null;
  const memcg = msg.match(/[,:]oom_memcg=([^,\n]*)/)?.[1];
  const task = msg.match(/[,:]task=([^,\n]*)/)?.[1];
  if (!memcg || !task) return null;
  // The limit that triggered it is the CT's own cgroup: /<parent>/<CTID>.
  const parts = memcg.split("/").filter(Boolean);
  const i = parts.lastIndexOf(parent);
  const ctid = i >= 0 ? Number(parts[i + 1]) : NaN;
  if (!Number.isInteger(ctid) || ctid <= 0 || i + 2 !== parts.length) return null;
  return { ctid, task: task.slice(0, 64) };
}

export function watchOomKills(root: string): OomWatcher {
  const parent = cgroupParent(root);
  let fd: number | null = null;
  try {
    fd = fs.openSync("/dev/kmsg", fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    log.warn({ err: (err as Error).message }, "cannot read /dev/kmsg: OOM kills will be counted but their victims not named");
  }
  const buf = Buffer.alloc(8192); // a kmsg record is at most ~1 KiB; smaller buffers get EINVAL
  const read = (): Map<number, string[]> => {
    const found = new Map<number, string[]>();
    if (fd === null) return found;
    for (let i = 0; i < 100_000; i++) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "EPIPE") continue; // records overwritten before we read them; go on with the next
        if (code !== "EAGAIN") log.warn({ code }, "reading /dev/kmsg failed");
        break;
      }
      if (n <= 0) break;
      const hit = parseOomKill(buf.toString("utf8", 0, n), parent);
      if (hit) found.set(hit.ctid, [...(found.get(hit.ctid) ?? []), hit.task]);
    }
    return found;
  };
  // Opening /dev/kmsg starts at the oldest record still in the ring: skip
  // what happened before this agent started.
  read();
  return {
    drain: read,
    close: () => {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
