// What the agent tells the panel about its node on every connect: versions,
// cgroup layout and capacity (placement divides CTs by these numbers).
import fs from "node:fs";
import os from "node:os";

export type NodeFacts = {
  kernel: string;
  cgroupMode: "v1" | "v2";
  cpus: number;
  ramBytes: number;
  diskBytes: number;
  bootId: string;
};

export function collectNodeFacts(root: string): NodeFacts {
  // A pure v2 host has cgroup.controllers at the mount root; hybrid v1 (this
  // kind of host) mounts v2 only at /sys/fs/cgroup/unified, so it counts as v1.
  const cgroupMode = fs.existsSync("/sys/fs/cgroup/cgroup.controllers") ? "v2" : "v1";
  let diskBytes = 0;
  try {
    fs.mkdirSync(root, { recursive: true });
    const s = fs.statfsSync(root);
    diskBytes = s.blocks * s.bsize;
  } catch {
    // Unknown capacity reads as 0: placement then never picks this node.
  }
  let bootId = "unknown";
  try {
    bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    // Without a boot id the panel cannot tell a reboot; onboot then waits for an admin.
  }
  return { kernel: `${os.type()} ${os.release()}`, cgroupMode, cpus: os.availableParallelism(), ramBytes: os.totalmem(), diskBytes, bootId };
}
