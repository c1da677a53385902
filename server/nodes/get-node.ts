// One node as staff see it (the shape of listNodes); the same not_found for
// a missing node as for a caller who may not see nodes.
import type { Actor } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";
import { listNodes } from "@/server/nodes/list-nodes";

export async function getNode(actor: Actor, nodeId: string) {
  // Nodes are few (one per hardware box); one shape for list and item beats a second query.
  const node = (await listNodes(actor)).find((n) => n.id === nodeId);
  if (!node) throw notFound("node");
  return node;
}
