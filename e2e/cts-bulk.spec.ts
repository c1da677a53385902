// Bulk start and stop in the admin CT table, on real CTs of the test node:
// select rows, confirm, and each CT becomes its own task with its own result;
// a CT that cannot take the action says why in its row while the others go on.
import { expect, test } from "@playwright/test";
import { db } from "@/server/db/client";
import { makeActor, makeCustomer, makePlan, rnd } from "@/tests/helpers/fixtures";
import { screenPath } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { destroyTenantCts, runningCts } from "./helpers/bulk";
import { nodeRoot, onNode } from "./helpers/cts";

test.skip(!nodeRoot, "needs the test server's simulated node (scripts/test.ts runs one as root)");

test("an admin stops and starts selected CTs; a refusal stays in its own row", async ({ page }) => {
  test.setTimeout(300_000);
  const admin = await makeActor("admin");
  const { tenant } = await makeCustomer({ quotaCts: 5 });
  const plan = await makePlan({ ipv4Count: 0 });
  const tag = rnd();
  const [a, b] = await runningCts(admin.actor, tenant.id, plan.id, [`bulk-a-${tag}`, `bulk-b-${tag}`]);
  try {
    await logIn(page, admin.user.email, admin.user.password);
    await page.goto(`/cts?q=${encodeURIComponent(tenant.name)}`);
    const table = page.getByTestId("cts-table");
    await expect(table.getByRole("row")).toHaveCount(3);
    const row = (h: string) => page.getByTestId(`ct-row-${h}`);

    // Stop one: the dialog names it; Cancel changes nothing.
    await page.getByRole("checkbox", { name: `Select ${a!.hostname}` }).check();
    await expect(page.getByTestId("bulk-selected")).toHaveText("1 selected");
    await page.getByRole("button", { name: "Stop selected" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Stop 1 CT?" });
    await expect(dialog).toContainText(a!.hostname);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect(await db().task.count({ where: { ctId: a!.id, kind: "stop" } })).toBe(0);
    await page.getByRole("button", { name: "Stop selected" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Stop 1 CT" }).click();
    await expect(row(a!.hostname).getByTestId("bulk-row-done")).toHaveText("Stopped", { timeout: 60_000 });
    await expect(page.getByTestId("bulk-progress")).toContainText("1 of 1 done");
    await expect(row(a!.hostname).getByTestId("ct-state")).toHaveText("stopped", { timeout: 10_000 });
    expect(onNode("status", String(a!.ctid))).toContain("down");

    // Start both: the stopped one starts, the running one is refused in its row, the batch completes.
    await page.getByRole("button", { name: "Clear selection" }).click();
    await page.getByRole("checkbox", { name: "Select every CT on this page" }).check();
    await expect(page.getByTestId("bulk-selected")).toHaveText("2 selected");
    await page.getByRole("button", { name: "Start selected" }).click();
    await page.getByRole("alertdialog", { name: "Start 2 CTs?" }).getByRole("button", { name: "Start 2 CTs" }).click();
    await expect(row(b!.hostname).getByTestId("bulk-row-error")).toHaveText("The CT is not stopped, so it cannot be started.");
    await expect(row(a!.hostname).getByTestId("bulk-row-done")).toHaveText("Started", { timeout: 60_000 });
    await expect(page.getByTestId("bulk-progress")).toContainText("2 of 2 done");
    await expect(row(a!.hostname).getByTestId("ct-state")).toHaveText("running", { timeout: 10_000 });
    await page.screenshot({ path: screenPath("admin-cts-bulk"), fullPage: true });
    expect(onNode("status", String(a!.ctid))).toContain("running");
    expect(await db().task.count({ where: { ctId: { in: [a!.id, b!.id] }, kind: "start" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "ct.start", actorEmail: admin.user.email, result: "failure" } })).toBe(1);
  } finally {
    await destroyTenantCts(admin.actor, tenant.id);
  }
});
