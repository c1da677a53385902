// Pages: the Actor, or a redirect to the login page.
import { redirect } from "next/navigation";
import type { Actor } from "@/server/access/actor";
import { actorFromSession } from "@/server/access/actor-from-session";

export async function requirePageActor(): Promise<Actor & { kind: "user" }> {
  const actor = await actorFromSession();
  if (!actor || actor.kind !== "user") redirect("/login");
  return actor;
}
