// bench/metrics helper: the agent's metrics sampler alone (no panel, no
// CT-state watch), so its CPU time is what live metrics cost a node. Each
// frame is serialized as socket.io would send it (JSON header plus the
// binary rows) and then dropped. bench/metrics runs it bundled, as nodes run
// the agent (scripts/build-agent.mjs):
//   node scripts/build-agent.mjs bench/metrics-sampler.ts build/bench-metrics-sampler.mjs
//   node build/bench-metrics-sampler.mjs ROOT CORRALCTL
import { startMetricsSampler } from "@/server/agent/sample-metrics";

const [root, bin] = process.argv.slice(2);
if (!root || !bin) throw new Error("usage: metrics-sampler.ts ROOT CORRALCTL");
let bytes = 0;
const sampler = startMetricsSampler({ bin, root, intervalMs: 1000, emit: ({ rows, ...rest }) => (bytes += rows.byteLength + JSON.stringify(rest).length) });
process.on("SIGTERM", () => {
  sampler.stop();
  // Exit once the count is out: a pipe write is asynchronous.
  process.stdout.write(`${bytes}\n`, () => process.exit(0));
});
