// The node page in Chromium: every row of the nodes list leads to it; it shows
// the node's facts as its agent reported them, its usage and density, and its
// CTs; maintenance mode goes on and off from it. A node with no CTs shows the
// empty state, an unknown id the not-found page.
import { expect, test } from "@playwright/test";
import { db } from "@/server/db/client";
import { makeCtRow } from "@/tests/helpers/panel-fixture";
import { makeCustomer, makeNode } from "@/tests/helpers/fixtures";
import { expectNoSeriousA11yViolations, screenPath } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { nodeName, nodeRoot } from "./helpers/cts";
import { makeStaff } from "./helpers/users";

test("an admin opens a node from the list, reads its facts and toggles maintenance", async ({ page }) => {
  test.skip(!nodeRoot, "needs the test server's simulated node (scripts/test.ts runs one as root)");
  const admin = await makeStaff("admin");
  const node = await db().node.findFirstOrThrow({ where: { name: nodeName } });
  await logIn(page, admin.email, admin.password);
  await page.goto("/nodes");
  await page.getByTestId(`node-${nodeName}`).getByRole("link", { name: nodeName }).click();
  await expect(page).toHaveURL(new RegExp(`/nodes/${node.id}$`));
  await expect(page.getByRole("heading", { name: `Node ${nodeName}`, level: 1 })).toBeVisible();

  const facts = page.getByTestId("node-facts");
  await expect(page.getByTestId("node-state")).toContainText("online");
  await expect(facts).toContainText(node.agentVersion!);
  await expect(facts).toContainText(node.kernel!);
  await expect(facts).toContainText(node.cgroupMode!);
  await expect(page.getByRole("region", { name: `Usage of ${nodeName}` })).toContainText("Density");
  await expect(page.getByRole("heading", { name: /CTs on this node/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenPath("admin-node"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenPath("admin-node-dark"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // Maintenance on, then off again (other specs place CTs on this node).
  const wasOn = node.maintenance;
  try {
    await page.getByRole("button", { name: wasOn ? "End maintenance" : "Start maintenance" }).click();
    await expect(page.getByRole("button", { name: wasOn ? "Start maintenance" : "End maintenance" })).toBeVisible();
    expect((await db().node.findUniqueOrThrow({ where: { id: node.id } })).maintenance).toBe(!wasOn);
    if (!wasOn) await expect(page.getByRole("note").filter({ hasText: "In maintenance" })).toBeVisible();
    await page.getByRole("button", { name: wasOn ? "Start maintenance" : "End maintenance" }).click();
    await expect(page.getByRole("button", { name: wasOn ? "End maintenance" : "Start maintenance" })).toBeVisible();
    expect((await db().node.findUniqueOrThrow({ where: { id: node.id } })).maintenance).toBe(wasOn);
  } finally {
    await db().node.update({ where: { id: node.id }, data: { maintenance: wasOn } });
  }
  expect(await db().auditEvent.count({ where: { action: "node.maintenance", actorEmail: admin.email, result: "success" } })).toBe(2);
});

test("a node page lists its CTs, shows an empty state without any, and 404s for an unknown id", async ({ page }) => {
  const admin = await makeStaff("admin");
  const empty = await makeNode();
  const busy = await makeNode();
  await db().node.updateMany({ where: { id: { in: [empty.id, busy.id] } }, data: { maintenance: true } });
  const { tenant } = await makeCustomer();
  const ct = await makeCtRow(tenant.id, busy.id, 900 + Math.floor(Math.random() * 99));
  try {
    await logIn(page, admin.email, admin.password);
    await page.goto(`/nodes/${empty.id}`);
    await expect(page.getByTestId("node-cts-empty")).toHaveText("No CTs are placed on this node yet.");
    await page.goto(`/nodes/${busy.id}`);
    const row = page.getByTestId("node-cts").getByRole("row").filter({ hasText: ct.hostname });
    await expect(row).toContainText(String(ct.ctid));
    await expect(row).toContainText(tenant.name);
    await row.getByRole("link", { name: ct.hostname }).click();
    await expect(page).toHaveURL(new RegExp(`/cts/${ct.id}`));
    await page.goto("/nodes/no-such-node");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  } finally {
    await db().ct.delete({ where: { id: ct.id } });
    await db().node.deleteMany({ where: { id: { in: [empty.id, busy.id] } } });
  }
});

test("support may read a node page but not toggle maintenance", async ({ page }) => {
  const support = await makeStaff("support");
  const node = await makeNode();
  try {
    await logIn(page, support.email, support.password);
    await page.goto(`/nodes/${node.id}`);
    await expect(page.getByRole("heading", { name: `Node ${node.name}` })).toBeVisible();
    await expect(page.getByRole("button", { name: /maintenance/ })).toHaveCount(0);
  } finally {
    await db().node.delete({ where: { id: node.id } });
  }
});

test("the node and templates pages fit a phone", async ({ page }) => {
  test.skip(!nodeRoot, "needs the test server's simulated node");
  await page.setViewportSize({ width: 390, height: 844 });
  const admin = await makeStaff("admin");
  const node = await db().node.findFirstOrThrow({ where: { name: nodeName } });
  await logIn(page, admin.email, admin.password);
  for (const path of [`/nodes/${node.id}`, "/templates"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} overflows by ${overflow}px at 390px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenPath(`phone${path === "/templates" ? "-templates" : "-node"}`), fullPage: true });
  }
});
