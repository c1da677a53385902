// Stops a CT that restarts in a loop, and makes sure it stays down: a stop
// that lands while the monitor is between two boots finds no init to stop
// and the next boot follows, so check the node and try again.
import { getNodeCt } from "@/server/agent/get-node-ct";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("agent");

export async function stopCrashLoopingCt(ctid: number, ctl: CorralctlOptions, attempts = 5): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    await runCorralctl(["stop", String(ctid), "--fast"], ctl).catch((err) => log.warn({ err, ctid, attempt: i + 1 }, "stopping a crash-looping CT failed"));
    const row = await getNodeCt(ctid, ctl).catch(() => null);
    if (!row || (row.status !== "running" && row.status !== "suspended")) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  log.error({ ctid, attempts }, "a crash-looping CT keeps running after every stop");
  return false;
}
