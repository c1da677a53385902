"use server";
// Server actions of the Templates page. Imports are not here: their bytes
// stream through the upload route (./upload/route.ts), not an action body.
import { runAction } from "@/server/http/run-action";
import { buildTemplate } from "@/server/templates/build-template";

export async function buildTemplateAction(nodeId: string, name: string) {
  return runAction("/templates", (actor) => buildTemplate(actor, { nodeId, name: name as "busybox" }));
}
