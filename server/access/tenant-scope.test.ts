import { describe, expect, it } from "vitest";
import { listApiTokens } from "@/server/api-tokens/list-api-tokens";
import { listCts } from "@/server/cts/list-cts";
import { listTenants } from "@/server/tenants/list-tenants";
import { listUsers } from "@/server/users/list-users";
import { makeActor, makeCustomer } from "@/tests/helpers/fixtures";

describe("tenantScope", () => {
  it("a customer account without a tenant sees nothing (and the query is valid SQL)", async () => {
    await makeCustomer();
    const { actor } = await makeActor("owner", null);
    expect(await listCts(actor)).toEqual([]);
    expect(await listTenants(actor)).toEqual([]);
    expect(await listUsers(actor)).toEqual([]);
    expect(await listApiTokens(actor)).toEqual([]);
  });

  it("staff see every tenant", async () => {
    const a = await makeCustomer();
    const { actor } = await makeActor("support");
    expect((await listTenants(actor)).map((t) => t.id)).toContain(a.tenant.id);
  });
});
