// A CT's CPU limit in percent of one CPU, from its config (CPULIMIT, CPUS),
// for "CPU % of the CT's limit". 0 = no limit. The effective limit is the
// smaller of the two, as vzctl combines them (openvz-model §5.4).
import fs from "node:fs";
import path from "node:path";

export function readCpuLimit(root: string, ctid: number): number {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, "conf", `${ctid}.conf`), "utf8");
  } catch {
    return 0;
  }
  // CPULIMIT may carry vzctl's "%" suffix, as corralctl accepts (ct-config.c).
  const get = (key: string) => {
    const m = text.match(new RegExp(`^${key}="?(\\d+)%?"?\\s*$`, "m"));
    return m ? Number(m[1]) : 0;
  };
  const pct = get("CPULIMIT");
  const cpus = get("CPUS") * 100;
  if (pct > 0 && cpus > 0) return Math.min(pct, cpus);
  return pct || cpus;
}
