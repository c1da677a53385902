// The header bell: unread count, a popover with the newest notifications,
// reachable by keyboard; a customer marks one and then all read (the database
// follows); staff read every tenant's but leave the read state to the tenant.
import { expect, test } from "@playwright/test";
import { db } from "@/server/db/client";
import { screenPath } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { makeCustomerOwner, makeStaff } from "./helpers/users";

test("a customer sees the unread count, opens the bell by keyboard and marks notifications read", async ({ page }) => {
  const owner = await makeCustomerOwner();
  const texts = ["Your CT tried to use more than its 512 MB of RAM 3 times.", "Your CT hit its process limit once."];
  await db().notification.createMany({ data: texts.map((message, i) => ({ tenantId: owner.tenant.id, kind: "ct.limit_hit", message, at: new Date(Date.now() - (i + 1) * 60_000) })) });
  await logIn(page, owner.email, owner.password);
  const bell = page.getByTestId("notification-bell");
  await expect(page.getByTestId("notification-count")).toHaveText("2");
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");

  // Keyboard: focus the bell, Enter opens, Escape closes and focus returns.
  await bell.focus();
  await page.keyboard.press("Enter");
  const pop = page.getByRole("dialog", { name: "Recent notifications" });
  await expect(pop).toBeVisible();
  for (const t of texts) await expect(pop).toContainText(t);
  await page.screenshot({ path: screenPath("customer-notifications-bell") });
  await page.keyboard.press("Escape");
  await expect(pop).toBeHidden();
  await expect(bell).toBeFocused();

  await bell.click();
  await pop.getByRole("listitem").filter({ hasText: texts[0]! }).getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  await pop.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await expect(bell).toHaveAccessibleName("Notifications");
  expect(await db().notification.count({ where: { tenantId: owner.tenant.id, readAt: null } })).toBe(0);
});

test("a customer with no notifications sees the empty state; staff cannot mark a tenant's read", async ({ page }) => {
  const owner = await makeCustomerOwner();
  await logIn(page, owner.email, owner.password);
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("dialog", { name: "Recent notifications" })).toContainText("Nothing yet.");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Log out" }).click();

  const other = await makeCustomerOwner();
  await db().notification.create({ data: { tenantId: other.tenant.id, kind: "ct.limit_hit", message: `Staff-visible ${other.tenant.id}` } });
  const support = await makeStaff("support");
  await logIn(page, support.email, support.password);
  await page.getByTestId("notification-bell").click();
  const pop = page.getByRole("dialog", { name: "Recent notifications" });
  await expect(pop).toContainText(`Staff-visible ${other.tenant.id}`);
  await expect(pop.getByRole("button", { name: /Mark/ })).toHaveCount(0);
  expect(await db().notification.count({ where: { tenantId: other.tenant.id, readAt: null } })).toBe(1);
});
