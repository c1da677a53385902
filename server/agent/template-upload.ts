// The agent's half of a template import from the browser: the panel streams
// the upload here by offset into a private file under the node root, then asks
// for `corralctl template import FILE NAME`. The file path is the agent's own
// choice (from the upload id), so the panel can never name a path on the node.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { runCorralctl, type CorralctlError, type CorralctlOptions } from "@/server/agent/run-corralctl";
import { AppError } from "@/server/errors/app-error";
import { TEMPLATE_UPLOAD_MAX_BYTES, TemplateName } from "@/server/templates/template-name";

const uploadId = z.string().regex(/^[\w-]{8,64}$/);

export const TemplateUploadOp = z.discriminatedUnion("op", [
  z.object({ op: z.literal("open"), uploadId, size: z.number().int().min(1).max(TEMPLATE_UPLOAD_MAX_BYTES) }),
  z.object({ op: z.literal("write"), uploadId, offset: z.number().int().nonnegative(), data: z.instanceof(Buffer).refine((b) => b.length <= 1_048_576, "chunk over 1 MiB") }),
  z.object({ op: z.literal("import"), uploadId, name: TemplateName }),
  z.object({ op: z.literal("abort"), uploadId }),
]);
export type TemplateUploadOp = z.infer<typeof TemplateUploadOp>;

function partPath(root: string, id: string) {
  const dir = path.join(root, "agent", "upload");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.join(dir, `${id}.part`);
}

// corralctl's message names the agent's paths; the customer-facing sentence
// keeps only the reason (which names the offending member).
function refusalSentence(native: string): string {
  const reason = native
    .replace(/^import `[^`]*` as template `[^`]*`: /, "")
    .replace(/`[^`]*\/template\/\.import-[^`]*`/g, "the upload")
    .replace(/`[^`]*\/agent\/upload\/[^`]*`/g, "the upload");
  return `The archive was refused: ${reason}. Upload a .tar, .tar.gz, .tar.xz or .tar.zst of a root filesystem.`;
}

export async function handleTemplateUpload(op: TemplateUploadOp, opts: CorralctlOptions): Promise<unknown> {
  const file = partPath(opts.root, op.uploadId);
  switch (op.op) {
    case "open":
      fs.writeFileSync(file, "", { mode: 0o600 });
      fs.truncateSync(file, op.size);
      return { ok: true };
    case "write": {
      // Bounded by the size declared at open: an upload cannot grow past it.
      const size = fs.statSync(file).size;
      if (op.offset + op.data.length > size) throw new AppError("payload_too_large", "The upload is larger than it said it would be.", { detail: `offset ${op.offset} + ${op.data.length} > ${size}` });
      const fd = fs.openSync(file, "r+");
      try {
        fs.writeSync(fd, op.data, 0, op.data.length, op.offset);
      } finally {
        fs.closeSync(fd);
      }
      return { written: op.data.length };
    }
    case "import":
      try {
        if (!fs.existsSync(file)) throw new AppError("not_found", "The upload is not on the node any more. Upload the file again.");
        const r = await runCorralctl<{ template: Record<string, unknown> }>(["template", "import", file, op.name], { ...opts, timeoutMs: 30 * 60_000 });
        // The cache's path on the node is the agent's business, not the browser's.
        const template = { ...r.template };
        delete template.path;
        return template;
      } catch (err) {
        const e = err as CorralctlError;
        if (e.nativeCode === "bad_template") throw new AppError("bad_request", refusalSentence(e.opts.detail ?? e.message));
        if (e.exitCode === 9) throw new AppError("conflict", `Template \`${op.name}\` is being built, imported or removed on this node right now. Try again when that has finished.`);
        throw err;
      } finally {
        fs.rmSync(file, { force: true });
      }
    case "abort":
      fs.rmSync(file, { force: true });
      return { ok: true };
  }
}
