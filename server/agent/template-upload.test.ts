// The agent's template upload with the real corralctl: chunks land by offset
// and cannot grow past the declared size; a bad archive is refused with a
// sentence that names the member and none of the node's paths; the upload
// file is gone afterwards either way.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { handleTemplateUpload } from "@/server/agent/template-upload";

const BIN = path.resolve("native/build/corralctl");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "corral-tpl-upload-"));
const ctl = { bin: BIN, root: path.join(tmp, "root") };
fs.mkdirSync(ctl.root, { mode: 0o711 });

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tarball(evil: boolean): Buffer {
  const src = fs.mkdtempSync(path.join(tmp, "src-"));
  fs.mkdirSync(path.join(src, "etc"));
  fs.writeFileSync(path.join(src, "etc", "hostname"), "x\n");
  if (evil) fs.symlinkSync("../../../etc/shadow", path.join(src, "etc", "escape"));
  const out = `${src}.tar`;
  execFileSync("tar", ["-C", src, "-cf", out, "."]);
  return fs.readFileSync(out);
}

async function upload(id: string, data: Buffer) {
  await handleTemplateUpload({ op: "open", uploadId: id, size: data.length }, ctl);
  for (let off = 0; off < data.length; off += 4096) await handleTemplateUpload({ op: "write", uploadId: id, offset: off, data: data.subarray(off, off + 4096) }, ctl);
}

describe.skipIf(!fs.existsSync(BIN))("template upload on the agent", () => {
  it("imports an uploaded tarball and removes the upload file", async () => {
    await upload("upload-good-1", tarball(false));
    const t = (await handleTemplateUpload({ op: "import", uploadId: "upload-good-1", name: "e2e-good" }, ctl)) as Record<string, unknown>;
    expect(t).toMatchObject({ name: "e2e-good", os: "imported" });
    expect(t).not.toHaveProperty("path");
    expect(fs.readdirSync(path.join(ctl.root, "agent", "upload"))).toEqual([]);
  });

  it("refuses a chunk past the declared size", async () => {
    await handleTemplateUpload({ op: "open", uploadId: "upload-size-1", size: 10 }, ctl);
    await expect(handleTemplateUpload({ op: "write", uploadId: "upload-size-1", offset: 8, data: Buffer.alloc(4) }, ctl)).rejects.toMatchObject({ code: "payload_too_large" });
    await handleTemplateUpload({ op: "abort", uploadId: "upload-size-1" }, ctl);
  });

  it("refuses a bad archive with a sentence naming the member, not the node's paths", async () => {
    await upload("upload-bad-1", tarball(true));
    const err = await handleTemplateUpload({ op: "import", uploadId: "upload-bad-1", name: "e2e-bad" }, ctl).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "bad_request" });
    const msg = (err as Error).message;
    expect(msg).toMatch(/^The archive was refused: reject member `\.\/etc\/escape`: symlink to `\.\.\/\.\.\/\.\.\/etc\/shadow` escapes the root\. Upload a \.tar/);
    expect(msg).not.toContain(tmp);
    expect(fs.existsSync(path.join(ctl.root, "template", "e2e-bad.json"))).toBe(false);
    expect(fs.readdirSync(path.join(ctl.root, "agent", "upload"))).toEqual([]);
  });
});
