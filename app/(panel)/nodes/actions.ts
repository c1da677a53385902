"use server";
import { getConfig } from "@/server/config";
import { runAction, type ActionResult } from "@/server/http/run-action";
import { createNode } from "@/server/nodes/create-node";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { rotateNodeToken } from "@/server/nodes/rotate-node-token";
import { setNodeMaintenance } from "@/server/nodes/set-node-maintenance";
import { adoptOrphanCt } from "@/server/reconcile/adopt-orphan-ct";
import { removeOrphanCt } from "@/server/reconcile/remove-orphan-ct";

export async function addNodeAction(_prev: ActionResult | null, form: FormData) {
  // The token comes back once, in this result; only its hash is stored.
  return runAction("/nodes", (actor) => createNode(actor, { name: String(form.get("name") ?? "") }, getConfig().publicUrl));
}

export async function rotateTokenAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/nodes", (actor) => rotateNodeToken(actor, String(form.get("id")), getConfig().publicUrl));
}

export async function revokeTokenAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/nodes", (actor) => revokeNodeToken(actor, String(form.get("id"))));
}

export async function setMaintenanceAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/nodes", (actor) => setNodeMaintenance(actor, String(form.get("id")), form.get("maintenance") === "on"));
}

export async function adoptOrphanAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/nodes", (actor) => adoptOrphanCt(actor, String(form.get("id")), { tenantId: String(form.get("tenantId") ?? "") }));
}

export async function removeOrphanAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/nodes", (actor) => removeOrphanCt(actor, String(form.get("id"))));
}
