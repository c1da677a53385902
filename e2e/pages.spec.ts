// Every main page, as each kind of user: it renders, has no serious
// accessibility violation (axe), and is captured as a screenshot.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { makeCustomerOwner, makeStaff } from "./helpers/users";

const ADMIN_PAGES = ["/", "/cts", "/tenants", "/users", "/plans", "/ip-pools", "/api-tokens", "/audit"];
const CUSTOMER_PAGES = ["/", "/cts", "/members", "/api-tokens", "/audit"];

async function visitAll(page: import("@playwright/test").Page, who: string, paths: string[]) {
  for (const path of paths) {
    await test.step(`${who} ${path}`, async () => {
      const res = await page.goto(path);
      expect(res?.status(), `${path} status`).toBe(200);
      await expect(page.locator("main")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `test-results/screens/${who}${path === "/" ? "-dashboard" : path.replaceAll("/", "-")}.png`, fullPage: true });
    });
  }
}

test("admin pages render without serious accessibility violations", async ({ page }) => {
  const admin = await makeStaff("admin");
  await logIn(page, admin.email, admin.password);
  await visitAll(page, "admin", ADMIN_PAGES);
});

test("customer pages render without serious accessibility violations", async ({ page }) => {
  const owner = await makeCustomerOwner();
  await logIn(page, owner.email, owner.password);
  await visitAll(page, "customer", CUSTOMER_PAGES);
});

test("the panel is usable at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const owner = await makeCustomerOwner();
  await logIn(page, owner.email, owner.password);
  await page.goto("/cts");
  // Nothing overflows the viewport sideways except scrollable tables.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/phone-cts.png", fullPage: true });
});
