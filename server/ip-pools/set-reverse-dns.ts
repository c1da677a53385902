// Sets an address's reverse-DNS name. Customers may set it for addresses of
// their own CTs; staff (admins) for any address.
import type { Actor } from "@/server/access/actor";
import { isAdmin } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import type { SetReverseDnsInput } from "@/server/ip-pools/ip-pool-input";

export async function setReverseDns(actor: Actor, addressId: string, input: SetReverseDnsInput) {
  return audited(actor, { action: "ip_address.set_reverse_dns", changes: { addressId, ...input } }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "IP address");
    const addr = await tx.ipAddress.findUnique({ where: { id: addressId }, include: { ct: { select: { id: true, tenantId: true } } } });
    if (!addr) throw notFound("IP address");
    if (!isAdmin(actor) && (actor.kind === "system" || !addr.ct || addr.ct.tenantId !== actor.tenantId)) throw notFound("IP address");
    ev.tenantId = addr.ct?.tenantId ?? null;
    ev.ctId = addr.ct?.id ?? null;
    ev.changes = { ...ev.changes, address: addr.address };
    return tx.ipAddress.update({ where: { id: addressId }, data: { reverseDns: input.reverseDns ? input.reverseDns.toLowerCase().replace(/\.$/, "") : null } });
  });
}
