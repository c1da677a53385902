// Adds the addresses first..last (inclusive) to a pool, as free addresses.
// Capped per call so one typo cannot insert a whole IPv6 /64.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import type { AddIpRangeInput } from "@/server/ip-pools/ip-pool-input";
import { formatIp, parseCidr, parseIp } from "@/server/ip-pools/ip-math";

export const MAX_RANGE = 4096n;

export async function addIpRange(actor: Actor, poolId: string, input: AddIpRangeInput) {
  return audited(actor, { action: "ip_pool.add_range", tenantId: null, changes: { poolId, ...input } }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "IP pool");
    const pool = await tx.ipPool.findUnique({ where: { id: poolId } });
    if (!pool) throw notFound("IP pool");
    const net = parseCidr(pool.cidr)!;
    const bad = (path: "first" | "last", message: string) => new AppError("bad_request", `Check ${path}: ${message}.`, { fields: [{ path, message }] });
    const first = parseIp(input.first);
    const last = parseIp(input.last);
    if (!first || first.family !== net.family) throw bad("first", `not an IPv${net.family} address`);
    if (!last || last.family !== net.family) throw bad("last", `not an IPv${net.family} address`);
    if (first.value < net.first || first.value > net.last) throw bad("first", `outside the pool's network ${pool.cidr}`);
    if (last.value < net.first || last.value > net.last) throw bad("last", `outside the pool's network ${pool.cidr}`);
    if (last.value < first.value) throw bad("last", "comes before first");
    if (last.value - first.value + 1n > MAX_RANGE) throw bad("last", `the range holds more than ${MAX_RANGE} addresses; add it in parts`);
    const addresses: string[] = [];
    for (let v = first.value; v <= last.value; v++) addresses.push(formatIp(net.family, v));
    const taken = await tx.ipAddress.findMany({ where: { address: { in: addresses } }, select: { address: true }, take: 3 });
    if (taken.length) {
      throw new AppError("conflict", `The range overlaps addresses already added (${taken.map((t) => t.address).join(", ")}).`, { fields: [{ path: "first", message: "overlaps existing addresses" }] });
    }
    const { count } = await tx.ipAddress.createMany({ data: addresses.map((address) => ({ poolId, address })) });
    return { poolId, added: count, first: addresses[0], last: addresses[addresses.length - 1] };
  });
}
