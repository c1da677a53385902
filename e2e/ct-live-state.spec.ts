// A CT's page follows state changes it did not cause: the CT is stopped on
// its node by hand (as a shutdown from inside or a provider would), and the
// customer's open page shows "stopped" without a reload; started again, it
// shows "running".
import { expect, test } from "@playwright/test";
import { makeActor, makeCustomer, makePlan, rnd } from "@/tests/helpers/fixtures";
import { logIn } from "./helpers/auth";
import { destroyTenantCts, runningCts } from "./helpers/bulk";
import { nodeRoot, onNode } from "./helpers/cts";

test.skip(!nodeRoot, "needs the test server's simulated node (scripts/test.ts runs one as root)");

test("the CT page shows a stop and a start done on the node, without a reload", async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await makeActor("admin");
  const { tenant, owner } = await makeCustomer({ quotaCts: 2 });
  const plan = await makePlan({ ipv4Count: 0 });
  const [ct] = await runningCts(admin.actor, tenant.id, plan.id, [`live-${rnd()}`]);
  try {
    await logIn(page, owner.user.email, owner.user.password);
    await page.goto(`/cts/${ct!.id}`);
    const badge = page.getByTestId("ct-state").first();
    await expect(badge).toHaveText("running");
    let reloaded = false;
    page.on("load", () => (reloaded = true));

    onNode("stop", "--fast", String(ct!.ctid));
    await expect(badge).toHaveText("stopped", { timeout: 20_000 });
    onNode("start", String(ct!.ctid));
    await expect(badge).toHaveText("running", { timeout: 20_000 });
    expect(reloaded, "the page followed without a reload").toBe(false);
  } finally {
    await destroyTenantCts(admin.actor, tenant.id);
  }
});
