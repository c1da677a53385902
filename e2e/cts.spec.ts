// A customer's CT from birth to death on a real node: create it from the
// dashboard, see it run, reset its root password, stop it, destroy it.
import { expect, test } from "@playwright/test";
import { db } from "@/server/db/client";
import { makeCustomer, makePlan, rnd } from "@/tests/helpers/fixtures";
import { logIn } from "./helpers/auth";
import { nodeRoot, onNode, onlyTheRealNode, waitForCtState } from "./helpers/cts";

test.skip(!nodeRoot, "needs the test server's simulated node (scripts/test.ts runs one as root)");
test.describe.configure({ mode: "serial" });

test("a customer creates, starts, re-passwords, stops and destroys a CT", async ({ page }) => {
  test.setTimeout(240_000);
  const { tenant, owner } = await makeCustomer({ quotaCts: 2 });
  const plan = await makePlan({ ramGiB: 1 });
  const hostname = `web-${rnd()}`;

  await logIn(page, owner.user.email, owner.user.password);
  const form = page.getByRole("form", { name: "New server" });
  await form.getByLabel("Host name").fill(hostname);
  await form.getByLabel("Plan").selectOption(plan.id);
  await onlyTheRealNode(async () => {
    await form.getByRole("button", { name: "Create server" }).click();
    await expect(page.getByText(`Server ${hostname} is being created.`)).toBeVisible();
  });

  await page.goto("/cts");
  await page.getByRole("link", { name: hostname }).click();
  await expect(page.getByTestId("ct-hostname")).toHaveText(hostname);
  await waitForCtState(page, "running");
  await page.screenshot({ path: "test-results/screens/ct-overview.png", fullPage: true });

  const ct = await db().ct.findFirstOrThrow({ where: { tenantId: tenant.id, hostname } });
  // The CT really runs on the node, with its own init as PID 1.
  expect(onNode("exec", String(ct.ctid), "--", "cat", "/proc/1/comm").trim()).toBe("init");
  const shadowBefore = onNode("exec", String(ct.ctid), "--", "grep", "^root:", "/etc/shadow");

  await page.getByRole("link", { name: "Settings" }).click();
  const pw = page.getByRole("form", { name: "Root password" });
  await pw.getByLabel("New root password").fill("e2e root pass 42");
  await pw.getByLabel("Type it again").fill("e2e root pass 42");
  await pw.getByRole("button", { name: "Set root password" }).click();
  await expect(page.getByText("The root password was changed.")).toBeVisible({ timeout: 30_000 });
  const shadowAfter = onNode("exec", String(ct.ctid), "--", "grep", "^root:", "/etc/shadow");
  expect(shadowAfter).not.toBe(shadowBefore);
  expect(shadowAfter).toMatch(/^root:\$6\$/);

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await waitForCtState(page, "stopped");
  expect(onNode("status", String(ct.ctid))).toContain("down");

  await page.getByRole("link", { name: "Settings" }).click();
  const destroy = page.getByRole("form", { name: "Destroy" });
  await destroy.getByLabel(`Type ${hostname} to confirm`).fill("not the name");
  await destroy.getByRole("button", { name: "Destroy this CT" }).click();
  await expect(page.getByText(/Type the CT's hostname/)).toBeVisible();
  await destroy.getByLabel(`Type ${hostname} to confirm`).fill(hostname);
  await destroy.getByRole("button", { name: "Destroy this CT" }).click();
  await expect(page).toHaveURL(/\/cts$/);
  await expect(async () => {
    expect(await db().ct.count({ where: { id: ct.id } })).toBe(0);
  }).toPass({ timeout: 60_000 });
  expect(onNode("status", String(ct.ctid))).toContain("deleted");
});
