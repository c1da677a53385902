// Bundles the node agent (server/agent/main.ts and the project code it
// imports) into one plain ES module, build/agent.mjs, so nodes run it with
// bare `node`: under the tsx loader the agent's metrics sampler at 10 CTs
// took 1.0-1.4% of a core, bundled 0.4-0.5% (the loader's own thread and a
// larger heap to collect every second). npm packages stay imports, resolved
// from node_modules as before (node-pty and bufferutil are native). It takes
// well under a second, so every caller simply rebuilds: `npm install`, `npm
// run build`, `npm start`, and the test and bench helpers that start a panel.
//   node scripts/build-agent.mjs                # build/agent.mjs
//   node scripts/build-agent.mjs ENTRY.ts OUT   # the same way, another entry
// (bench/metrics builds its sampler probe so, to measure what nodes run).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const [entry = "server/agent/main.ts", out = "build/agent.mjs"] = process.argv.slice(2);
// Inside the checkout, so the bundle's package imports find node_modules.
const OUT = path.resolve(ROOT, out);

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [entry],
  outfile: OUT,
  write: false,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20.19",
  // The `@/` imports resolve through tsconfig.json's paths, as under tsx.
  tsconfig: "tsconfig.json",
  banner: { js: `// Built by scripts/build-agent.mjs from ${entry}; do not edit.` },
  logLevel: "warning",
});
// Renamed into place: a panel may be starting its agent from the old file right now.
fs.mkdirSync(path.dirname(OUT), { recursive: true });
const tmp = `${OUT}.${process.pid}.tmp`;
fs.writeFileSync(tmp, result.outputFiles[0].contents);
fs.renameSync(tmp, OUT);
