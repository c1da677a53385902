// Creates an IP pool for a network. Networks may not overlap another pool's:
// an address must belong to exactly one pool.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import type { CreateIpPoolInput } from "@/server/ip-pools/ip-pool-input";
import { formatIp, parseCidr, parseIp } from "@/server/ip-pools/ip-math";

export async function createIpPool(actor: Actor, input: CreateIpPoolInput) {
  const net = parseCidr(input.cidr);
  if (!net) throw new AppError("bad_request", `\`${input.cidr}\` is not a network like 10.77.0.0/24 or 2001:db8::/64.`, { fields: [{ path: "cidr", message: "not a network in CIDR notation" }] });
  const cidr = `${formatIp(net.family, net.first)}/${net.prefix}`;
  if (input.gateway) {
    const gw = parseIp(input.gateway);
    if (!gw || gw.family !== net.family || gw.value < net.first || gw.value > net.last) {
      throw new AppError("bad_request", `The gateway \`${input.gateway}\` is not inside \`${cidr}\`.`, { fields: [{ path: "gateway", message: "must be inside the network" }] });
    }
  }
  return audited(actor, { action: "ip_pool.create", tenantId: null, changes: { ...input, cidr } }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "IP pool");
    // Serialize pool creation so two overlapping networks cannot both pass the check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('corral.ip_pool'))`;
    if (input.nodeId && !(await tx.node.findUnique({ where: { id: input.nodeId }, select: { id: true } }))) throw notFound("node");
    if (await tx.ipPool.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new AppError("conflict", `A pool named \`${input.name}\` already exists.`, { fields: [{ path: "name", message: "already taken" }] });
    }
    for (const p of await tx.ipPool.findMany({ where: { family: net.family }, select: { name: true, cidr: true } })) {
      const other = parseCidr(p.cidr);
      if (other && other.first <= net.last && net.first <= other.last) {
        throw new AppError("conflict", `\`${cidr}\` overlaps the pool \`${p.name}\` (${p.cidr}).`, { fields: [{ path: "cidr", message: `overlaps ${p.cidr}` }] });
      }
    }
    return tx.ipPool.create({ data: { name: input.name, family: net.family, cidr, gateway: input.gateway ?? null, nodeId: input.nodeId ?? null } });
  });
}
