// The agent's half of a cold migration. The source packs the stopped CT's
// config and private area into one tar file and serves it by offset; the
// target receives it by offset, unpacks it next to the real tree, shifts file
// owners from the source's ID range to its own, and only then renames it into
// place, config last (its presence is what makes the CT exist). Reads and
// writes by offset can be retried, so a lost acknowledgement never corrupts.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { MigrateOp } from "@/server/agent/agent-messages";
import { getNodeCt } from "@/server/agent/get-node-ct";
import { readNodeConfig } from "@/server/agent/read-node-config";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";
import { runAgentTask } from "@/server/agent/run-agent-task";
import { AppError } from "@/server/errors/app-error";

const exec = promisify(execFile);

function transferPaths(root: string, id: string) {
  const dir = path.join(root, "agent", "transfer");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const safe = id.replace(/[^\w-]/g, "_");
  return { tar: path.join(dir, `${safe}.tar`), part: path.join(dir, `${safe}.part`), unpack: path.join(dir, `${safe}.d`) };
}

function layoutOf(root: string, ctid: number): string {
  const conf = fs.readFileSync(path.join(root, "conf", `${ctid}.conf`), "utf8");
  return conf.match(/^LAYOUT="?([\w-]+)"?$/m)?.[1] ?? "dir";
}

function uidBase(root: string, ctid: number): number {
  const cfg = readNodeConfig(root);
  return cfg.idmapBase + ctid * cfg.idmapSize;
}

function shiftOwners(dir: string, from: number, to: number, size: number) {
  const shift = (p: string) => {
    const st = fs.lstatSync(p);
    const uid = st.uid >= from && st.uid < from + size ? st.uid - from + to : st.uid;
    const gid = st.gid >= from && st.gid < from + size ? st.gid - from + to : st.gid;
    if (uid !== st.uid || gid !== st.gid) {
      fs.lchownSync(p, uid, gid);
      // chown clears setuid/setgid bits on regular files; put them back.
      if (!st.isSymbolicLink() && st.mode & 0o6000) fs.chmodSync(p, st.mode & 0o7777);
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) shift(path.join(p, e));
  };
  shift(dir);
}

export async function handleMigrateOp(op: MigrateOp, opts: CorralctlOptions): Promise<unknown> {
  const root = opts.root;
  switch (op.op) {
    case "export-open": {
      const p = transferPaths(root, op.transferId);
      if (!fs.existsSync(path.join(root, "conf", `${op.ctid}.conf`))) throw new AppError("not_found", `CT ${op.ctid} does not exist on the source node.`);
      const st = await runCorralctl<{ running: boolean }>(["status", String(op.ctid)], opts);
      if (st.running) throw new AppError("conflict", "The CT is still running on the source node.");
      // --sparse: an image layout's root.img is a mostly empty sparse file.
      await exec("tar", ["-C", root, "--numeric-owner", "--sparse", "-cpf", p.tar, path.join("conf", `${op.ctid}.conf`), path.join("private", String(op.ctid))], { maxBuffer: 1 << 20 });
      return { size: fs.statSync(p.tar).size, sourceUidBase: uidBase(root, op.ctid), layout: layoutOf(root, op.ctid) };
    }
    case "export-read": {
      const p = transferPaths(root, op.transferId);
      const fd = fs.openSync(p.tar, "r");
      try {
        const buf = Buffer.alloc(op.length);
        const n = fs.readSync(fd, buf, 0, op.length, op.offset);
        return buf.subarray(0, n);
      } finally {
        fs.closeSync(fd);
      }
    }
    case "import-open": {
      if (fs.existsSync(path.join(root, "conf", `${op.ctid}.conf`)) || fs.existsSync(path.join(root, "private", String(op.ctid))))
        throw new AppError("conflict", `CT ${op.ctid} already exists on the target node.`);
      // Files inside an image are owned by the source's ID range and cannot be
      // shifted without mounting it: such nodes must share IDMAP_BASE/SIZE.
      if (op.layout !== "dir" && op.sourceUidBase !== uidBase(root, op.ctid))
        throw new AppError("conflict", "The nodes use different ID ranges (IDMAP_BASE), so this CT's disk image cannot move between them.", {
          detail: `source base ${op.sourceUidBase}, target base ${uidBase(root, op.ctid)}, layout ${op.layout}`,
        });
      const p = transferPaths(root, op.transferId);
      fs.writeFileSync(p.part, "");
      fs.truncateSync(p.part, op.size);
      return { ok: true };
    }
    case "import-write": {
      const p = transferPaths(root, op.transferId);
      const fd = fs.openSync(p.part, "r+");
      try {
        fs.writeSync(fd, op.data, 0, op.data.length, op.offset);
      } finally {
        fs.closeSync(fd);
      }
      return { written: op.data.length };
    }
    case "import-commit": {
      const p = transferPaths(root, op.transferId);
      const cfg = readNodeConfig(root);
      fs.rmSync(p.unpack, { recursive: true, force: true });
      fs.mkdirSync(p.unpack, { mode: 0o711 });
      await exec("tar", ["-C", p.unpack, "--numeric-owner", "--sparse", "-xpf", p.part], { maxBuffer: 1 << 20 });
      const priv = path.join(p.unpack, "private", String(op.ctid));
      const conf = path.join(p.unpack, "conf", `${op.ctid}.conf`);
      if (!fs.existsSync(priv) || !fs.existsSync(conf)) throw new AppError("bad_request", "The migrated archive does not hold this CT.");
      // Only a dir layout's files are shifted (import-open refused images across ranges).
      if (op.sourceUidBase !== cfg.idmapBase + op.ctid * cfg.idmapSize && layoutOf(p.unpack, op.ctid) === "dir")
        shiftOwners(priv, op.sourceUidBase, cfg.idmapBase + op.ctid * cfg.idmapSize, cfg.idmapSize);
      fs.mkdirSync(path.join(root, "private"), { recursive: true });
      fs.mkdirSync(path.join(root, "conf"), { recursive: true });
      fs.renameSync(priv, path.join(root, "private", String(op.ctid)));
      fs.renameSync(conf, path.join(root, "conf", `${op.ctid}.conf`));
      return { ok: true };
    }
    case "import-abort": {
      // Undo a target copy that never became the CT's home. Only reached before
      // the database points at the target, so nothing the customer uses is lost.
      await runCorralctl(["stop", String(op.ctid), "--fast"], opts).catch(() => null);
      await runCorralctl(["destroy", String(op.ctid)], opts).catch(() => null);
      return { ok: true };
    }
    case "transfer-close": {
      const p = transferPaths(root, op.transferId);
      for (const f of [p.tar, p.part]) fs.rmSync(f, { force: true });
      fs.rmSync(p.unpack, { recursive: true, force: true });
      return { ok: true };
    }
    case "ct":
      return getNodeCt(op.ctid, opts);
    case "run":
      return runAgentTask(`op-${Date.now()}`, op.spec, opts, () => {});
  }
}
