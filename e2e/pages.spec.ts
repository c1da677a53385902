// Every main page, as each kind of user, in light and in dark mode (the panel
// follows the system's colour scheme): it renders, has no serious
// accessibility violation (axe, which checks contrast in the colours actually
// shown), and is captured as a screenshot. At phone width nothing overflows.
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/server/db/client";
import { makeNode } from "@/tests/helpers/fixtures";
import { makeCtRow } from "@/tests/helpers/panel-fixture";
import { expectNoSeriousA11yViolations, screenPath } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { makeCustomerOwner, makeStaff } from "./helpers/users";

const ADMIN_PAGES = ["/", "/cts", "/tenants", "/users", "/plans", "/ip-pools", "/nodes", "/templates", "/tasks", "/api-tokens", "/audit"];
const CUSTOMER_PAGES = ["/", "/cts", "/members", "/api-tokens", "/audit", "/notifications", "/security"];

async function visitAll(page: Page, who: string, paths: string[]) {
  // Each page gets its own budget (render, axe, a full-page screenshot take
  // 3-5 s on a busy 2-CPU host): one 60 s budget for a dozen pages failed
  // at the last one whenever the machine was loaded.
  test.setTimeout(30_000 + paths.length * 15_000);
  for (const path of paths) {
    await test.step(`${who} ${path}`, async () => {
      const res = await page.goto(path);
      expect(res?.status(), `${path} status`).toBe(200);
      await expect(page.locator("main")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: screenPath(`${who}${path === "/" ? "-dashboard" : path.replace(/^\/cts\/[^/]+/, "/ct").replaceAll("/", "-")}`), fullPage: true });
    });
  }
}

/** The page really is in dark mode: the body's background is dark. */
async function expectDark(page: Page) {
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (bg.match(/[\d.]+/g) ?? []).map(Number);
  expect(Math.max(r ?? 255, g ?? 255, b ?? 255), `body background ${bg} in dark mode`).toBeLessThan(60);
}

for (const scheme of ["light", "dark"] as const) {
  const suffix = scheme === "dark" ? "-dark" : "";

  test(`admin pages render without serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const admin = await makeStaff("admin");
    await logIn(page, admin.email, admin.password);
    if (scheme === "dark") await expectDark(page);
    // The node page of the test server's real node (when there is one), with its usage and CTs.
    const realNode = process.env.CORRAL_TEST_NODE_NAME ? await db().node.findFirst({ where: { name: process.env.CORRAL_TEST_NODE_NAME } }) : null;
    await visitAll(page, `admin${suffix}`, [...ADMIN_PAGES, ...(realNode ? [`/nodes/${realNode.id}`] : [])]);
  });

  test(`customer pages render without serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const owner = await makeCustomerOwner();
    // A CT row on a node that exists only in the database (in maintenance: nothing is placed on it).
    const node = await makeNode();
    await db().node.update({ where: { id: node.id }, data: { maintenance: true } });
    const ct = await makeCtRow(owner.tenant.id, node.id, 800 + Math.floor(Math.random() * 99));
    await db().ct.update({ where: { id: ct.id }, data: { state: "STOPPED" } });
    try {
      await logIn(page, owner.email, owner.password);
      if (scheme === "dark") await expectDark(page);
      await visitAll(page, `customer${suffix}`, [...CUSTOMER_PAGES, `/cts/${ct.id}`, `/cts/${ct.id}/settings`, `/cts/${ct.id}/activity`]);
    } finally {
      await db().ct.delete({ where: { id: ct.id } });
      await db().node.delete({ where: { id: node.id } });
    }
  });
}

test("the login page has no serious accessibility violations in dark mode", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await expectDark(page);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenPath("login-dark"), fullPage: true });
});

test("the panel is usable at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const owner = await makeCustomerOwner();
  await logIn(page, owner.email, owner.password);
  for (const path of ["/", "/cts", "/members", "/api-tokens", "/audit", "/notifications"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    // Nothing overflows the viewport sideways (wide tables scroll inside their own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} overflows by ${overflow}px at 390px`).toBeLessThanOrEqual(0);
  }
  await page.goto("/cts");
  await page.screenshot({ path: screenPath("phone-cts"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: screenPath("phone-cts-dark"), fullPage: true });
});
