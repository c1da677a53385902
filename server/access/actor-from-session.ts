// The Actor of a server component or server action (the session cookie).
import { headers } from "next/headers";
import type { Actor } from "@/server/access/actor";
import { actorFromHeaders } from "@/server/access/actor-from-headers";

export async function actorFromSession(): Promise<Actor | null> {
  return actorFromHeaders(new Headers(await headers()));
}
