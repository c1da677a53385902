// Imports a rootfs tarball uploaded in the browser as a template on a node.
// The bytes stream straight through to the node's agent in 512 KiB chunks (the
// panel never holds the whole file), then corralctl checks every member and
// lands it. Refused before any byte moves: a bad name, an empty or oversized
// file, an unknown or offline node, an existing name without `replace`.
// Every attempt leaves one audit event (written outside a transaction: an
// upload can take minutes).
import crypto from "node:crypto";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import type { NodeTemplate } from "@/server/agent/list-templates";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { callAgent } from "@/server/tasks/call-agent";
import { TEMPLATE_UPLOAD_MAX_BYTES, TemplateName } from "@/server/templates/template-name";

const CHUNK = 512 * 1024;

export type ImportTemplateInput = { nodeId: string; name: string; size: number; replace: boolean; body: AsyncIterable<Uint8Array> };

function checkInput(i: ImportTemplateInput) {
  if (!TemplateName.safeParse(i.name).success)
    throw new AppError("bad_request", `The template name \`${i.name.slice(0, 80)}\` is not valid. Use 1 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.`, { fields: [{ path: "name", message: "is not a valid template name" }] });
  if (!Number.isSafeInteger(i.size) || i.size <= 0) throw new AppError("bad_request", "The file is empty. Choose a .tar, .tar.gz, .tar.xz or .tar.zst of a root filesystem.");
  if (i.size > TEMPLATE_UPLOAD_MAX_BYTES)
    throw new AppError("payload_too_large", `The file is ${(i.size / 1024 ** 3).toFixed(1)} GiB; the largest upload is ${TEMPLATE_UPLOAD_MAX_BYTES / 1024 ** 3} GiB.`);
}

async function stream(nodeId: string, uploadId: string, size: number, body: AsyncIterable<Uint8Array>) {
  let offset = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const flush = async () => {
    if (pendingLen === 0) return;
    const data = Buffer.concat(pending, pendingLen);
    pending = [];
    pendingLen = 0;
    await callAgent(nodeId, "template:upload", { op: "write", uploadId, offset, data }, 60_000);
    offset += data.length;
  };
  for await (const piece of body) {
    if (offset + pendingLen + piece.length > size) throw new AppError("payload_too_large", "The upload is larger than the file size it declared.");
    pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    pendingLen += piece.length;
    while (pendingLen >= CHUNK) {
      const all = Buffer.concat(pending, pendingLen);
      pending = [all.subarray(CHUNK)];
      pendingLen = all.length - CHUNK;
      await callAgent(nodeId, "template:upload", { op: "write", uploadId, offset, data: all.subarray(0, CHUNK) }, 60_000);
      offset += CHUNK;
    }
  }
  await flush();
  if (offset !== size) throw new AppError("bad_request", "The upload ended before the whole file arrived. Upload it again.", { detail: `${offset} of ${size} bytes` });
}

export async function importTemplate(actor: Actor, i: ImportTemplateInput) {
  const changes = { nodeId: i.nodeId, name: i.name.slice(0, 80), size: i.size };
  try {
    assertRole(actor, ["admin"], "node");
    checkInput(i);
    const node = await db().node.findUnique({ where: { id: i.nodeId }, select: { id: true, name: true, status: true } });
    if (!node) throw notFound("node");
    if (node.status !== "ONLINE") throw new AppError("unavailable", `Node ${node.name} is not connected. Import when its agent is back online.`);
    if (!i.replace) {
      const existing = await callAgent<NodeTemplate[]>(node.id, "template:list", {}, 10_000);
      if (existing.some((t) => t.name === i.name))
        throw new AppError("conflict", `Template ${i.name} already exists on ${node.name}. Tick "Replace the existing template" to overwrite it, or choose another name.`);
    }
    const uploadId = crypto.randomUUID();
    await callAgent(node.id, "template:upload", { op: "open", uploadId, size: i.size });
    let template: Record<string, unknown>;
    try {
      await stream(node.id, uploadId, i.size, i.body);
      template = await callAgent<Record<string, unknown>>(node.id, "template:upload", { op: "import", uploadId, name: i.name }, 30 * 60_000);
    } catch (err) {
      await callAgent(node.id, "template:upload", { op: "abort", uploadId }).catch(() => null);
      throw err;
    }
    await recordAudit(actor, { action: "template.import", tenantId: null, changes, result: "success" });
    return template;
  } catch (err) {
    const detail = err instanceof AppError ? `${err.code}: ${err.message}` : "internal error";
    await recordAudit(actor, { action: "template.import", tenantId: null, changes, result: "failure", detail }).catch(() => {});
    throw err;
  }
}
