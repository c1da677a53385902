// bench/metrics helper: where the panel's CPU time went, from the
// .cpuprofile files `PROFILE=DIR bash bench/metrics` leaves in DIR. Only the
// samples inside the bench's measurement windows count (startup and CT
// creation would drown the steady state), so each window prints its own
// table: self time by function, and inclusive time of the project's own code.
//   npx tsx bench/metrics-profile.ts DIR [TOP]
import fs from "node:fs";
import path from "node:path";

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
type Window = { label: string; fromUs: number; toUs: number };

const [dir, topArg] = process.argv.slice(2);
if (!dir) throw new Error("usage: metrics-profile.ts DIR [TOP]");
const TOP = Number(topArg ?? 25);
const windows = JSON.parse(fs.readFileSync(path.join(dir, "windows.json"), "utf8")) as Window[];

const short = (url: string) => url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "~/").replace(/^.*\/main\//, "");
const name = (f: Frame) => `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;
const own = (f: Frame) => /\/(server|app|components)\//.test(f.url) && !f.url.includes("node_modules") && !f.url.includes("/generated/");

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample i ends at time[i]; its duration is the next delta (V8's convention: the delta before it).
  const times: number[] = [];
  let t = p.startTime;
  for (const d of p.timeDeltas) times.push((t += d));
  for (const w of windows) {
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      if (times[i]! < w.fromUs || times[i]! > w.toUs) continue;
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000; // ms
      const leaf = byId.get(p.samples[i]!)!;
      if (leaf.callFrame.functionName === "(idle)") continue;
      total += dt;
      self.set(name(leaf.callFrame), (self.get(name(leaf.callFrame)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (!own(f)) continue;
        const k = name(f);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
    const secs = (w.toUs - w.fromUs) / 1e6;
    if (total === 0) continue;
    const row = (k: string, ms: number) => `${((ms / secs / 1000) * 100).toFixed(2).padStart(7)}%  ${k}`;
    console.log(`\n== ${file}, window "${w.label}" (${secs.toFixed(0)} s): ${((total / secs / 1000) * 100).toFixed(2)}% of a core on the JS thread`);
    console.log("-- self time (% of one core)");
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(row(k, ms));
    console.log("-- inclusive, project code");
    for (const [k, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(row(k, ms));
  }
}
