// "Add node": a node row in PENDING with a fresh agent token. The token is
// returned here once, with the command to run on the node; only its hash is kept.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { agentCommand } from "@/server/nodes/agent-command";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";

export const CreateNodeInput = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, "lowercase letters, digits, dots and dashes"),
  overcommitRam: z.number().min(0.1).max(20).optional(),
  overcommitDisk: z.number().min(0.1).max(20).optional(),
});
export type CreateNodeInput = z.input<typeof CreateNodeInput>;

export async function createNode(actor: Actor, input: CreateNodeInput, panelUrl: string) {
  const data = CreateNodeInput.parse(input);
  const token = newNodeToken();
  const node = await audited(actor, { action: "node.create", changes: { name: data.name } }, async (tx) => {
    // Inside audited(): a refused caller leaves a trail too.
    assertRole(actor, ["admin"], "node");
    if (await tx.node.findUnique({ where: { name: data.name } })) throw new AppError("conflict", `A node named ${data.name} already exists.`, { fields: [{ path: "name", message: "is taken by another node" }] });
    return tx.node.create({ data: { ...data, tokenHash: hashNodeToken(token) } });
  });
  return { node: { id: node.id, name: node.name, status: node.status }, token, command: agentCommand(panelUrl, token) };
}
