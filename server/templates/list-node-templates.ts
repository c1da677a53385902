// The template caches of every node, asked of each online node's agent in
// parallel. An offline or silent node is one row with the reason, never a
// failure of the whole page.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import type { NodeTemplate } from "@/server/agent/list-templates";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { callAgent } from "@/server/tasks/call-agent";

export type NodeTemplates = {
  node: { id: string; name: string; status: "pending" | "online" | "offline"; maintenance: boolean };
  templates: NodeTemplate[];
  error: string | null;
};

export async function listNodeTemplates(actor: Actor): Promise<NodeTemplates[]> {
  assertRole(actor, ["admin"], "template");
  const nodes = await db().node.findMany({ where: { tokenHash: { not: null } }, orderBy: { name: "asc" }, select: { id: true, name: true, status: true, maintenance: true } });
  return Promise.all(
    nodes.map(async (n) => {
      const node = { id: n.id, name: n.name, status: n.status.toLowerCase() as NodeTemplates["node"]["status"], maintenance: n.maintenance };
      if (n.status !== "ONLINE") return { node, templates: [], error: "The node is not connected, so its templates cannot be listed." };
      try {
        const templates = await callAgent<NodeTemplate[]>(n.id, "template:list", {}, 10_000);
        return { node, templates: [...templates].sort((a, b) => a.name.localeCompare(b.name)), error: null };
      } catch (err) {
        return { node, templates: [], error: err instanceof AppError ? err.message : "The node's templates could not be listed." };
      }
    }),
  );
}
