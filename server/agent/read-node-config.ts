// The few node.conf keys the agent needs itself (corralctl owns the file and
// its defaults: native/src/lib/node-config.c). KEY=value lines, vz.conf style.
import fs from "node:fs";
import path from "node:path";

export type AgentNodeConfig = { idmapBase: number; idmapSize: number };

export function readNodeConfig(root: string): AgentNodeConfig {
  const cfg: AgentNodeConfig = { idmapBase: 100_000_000, idmapSize: 65_536 };
  let text = "";
  try {
    text = fs.readFileSync(path.join(root, "node.conf"), "utf8");
  } catch {
    return cfg;
  }
  for (const line of text.split("\n")) {
    const m = line.match(/^\s*(IDMAP_BASE|IDMAP_SIZE)\s*=\s*"?(\d+)"?\s*$/);
    if (m) cfg[m[1] === "IDMAP_BASE" ? "idmapBase" : "idmapSize"] = Number(m[2]);
  }
  return cfg;
}
