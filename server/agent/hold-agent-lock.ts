// One agent per node root: a second one would run every task twice. The lock
// is a PID file; a stale one (its process gone) is taken over.
import fs from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock, waiting up to waitMs for a previous agent to exit; returns false if it still runs. */
export async function holdAgentLock(root: string, waitMs = 10_000): Promise<boolean> {
  const file = path.join(root, "run", "agent.pid");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      process.on("exit", () => {
        // Only remove our own PID file, never a successor's.
        if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
      });
      return true;
    } catch {
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      if (!pid || !alive(pid) || pid === process.pid) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
