// The agent's on-disk record of tasks it accepted, under <root>/agent/tasks.
// A task's outcome stays here until the panel acknowledges it, so a result
// reached while the panel was down (or restarting) is reported on reconnect,
// and a task whose agent died mid-way is known and resolved, never forgotten.
import fs from "node:fs";
import path from "node:path";
import type { TaskOutcome, TaskSpec } from "@/server/agent/agent-messages";

export type JournalEntry = { taskId: string; spec: TaskSpec; pid: number; outcome?: TaskOutcome };

export type TaskJournal = {
  add: (taskId: string, spec: TaskSpec) => void;
  finish: (outcome: TaskOutcome) => void;
  remove: (taskId: string) => void;
  entries: () => JournalEntry[];
};

export function openTaskJournal(root: string): TaskJournal {
  const dir = path.join(root, "agent", "tasks");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (id: string) => path.join(dir, `${id.replace(/[^\w-]/g, "_")}.json`);
  // Write-then-rename so a crash never leaves half a JSON file behind.
  const write = (e: JournalEntry) => {
    const tmp = `${file(e.taskId)}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(e));
    fs.renameSync(tmp, file(e.taskId));
  };
  const read = (f: string): JournalEntry | null => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as JournalEntry;
    } catch {
      return null;
    }
  };
  return {
    add: (taskId, spec) => write({ taskId, spec, pid: process.pid }),
    finish: (outcome) => {
      const e = read(path.basename(file(outcome.taskId)));
      if (e) write({ ...e, outcome });
    },
    remove: (taskId) => fs.rmSync(file(taskId), { force: true }),
    entries: () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map(read)
        .filter((e): e is JournalEntry => e !== null),
  };
}
