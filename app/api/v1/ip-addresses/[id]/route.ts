// PATCH /api/v1/ip-addresses/[id] - set an address's reverse DNS name
import { apiRoute } from "@/server/http/api-route";
import { setReverseDns } from "@/server/ip-pools/set-reverse-dns";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute("PATCH /api/v1/ip-addresses/{id}", ({ actor, params, body }) => setReverseDns(actor, params.id!, body));
