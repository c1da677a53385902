// The Actor of a route handler's request (API token or session cookie).
import type { Actor } from "@/server/access/actor";
import { actorFromHeaders } from "@/server/access/actor-from-headers";

export function actorFromRequest(req: Request): Promise<Actor | null> {
  return actorFromHeaders(req.headers);
}
