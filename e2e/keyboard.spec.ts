// The panel with the keyboard only (Tab, Enter, Escape; never the
// mouse): log in, reach the CT list, open a CT, switch its sections, open the
// destroy dialog and cancel it. Every stop checks that the focused element
// shows a focus ring (:focus-visible with an outline) and that closing the
// dialog hands focus back to the button that opened it.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { db } from "@/server/db/client";
import { makeCustomer, makeNode } from "@/tests/helpers/fixtures";
import { makeCtRow } from "@/tests/helpers/panel-fixture";
import { expectVisibleFocus, screenPath } from "./helpers/a11y";

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab until TARGET has focus (at most MAX presses), checking the ring at every stop. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    // Past the last control focus leaves the page for the browser's own UI, and
    // the next Tab comes back to the first: only a focus inside the page is checked.
    if (await page.evaluate(() => document.activeElement === document.body || document.activeElement === null)) continue;
    await expectVisibleFocus(page);
    if (await isFocused(target)) return;
  }
  throw new Error(`${max} presses of Tab did not reach ${target}`);
}

let made: { tenantId: string; nodeId: string; ctId: string } | undefined;

test.afterAll(async () => {
  if (!made) return;
  await db().ct.deleteMany({ where: { id: made.ctId } });
  await db().node.delete({ where: { id: made.nodeId } }).catch(() => {});
});

test("keyboard only: log in, open a CT, switch sections, open and cancel the destroy dialog", async ({ page }) => {
  const { tenant, owner } = await makeCustomer({ quotaCts: 2 });
  const node = await makeNode();
  // A node only in the database: never picked for real CTs by cts.spec (it puts other nodes in maintenance).
  await db().node.update({ where: { id: node.id }, data: { maintenance: true } });
  const ct = await makeCtRow(tenant.id, node.id, 900 + Math.floor(Math.random() * 99), {});
  await db().ct.update({ where: { id: ct.id }, data: { state: "STOPPED" } });
  made = { tenantId: tenant.id, nodeId: node.id, ctId: ct.id };

  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(owner.user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(owner.user.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // The main navigation to the CT list.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Containers" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cts$/);

  // The CT's row link opens its page.
  await tabTo(page, page.getByRole("link", { name: ct.hostname, exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("ct-hostname")).toHaveText(ct.hostname);

  // Power buttons say on focus, not only on hover, what state they lead to.
  await tabTo(page, page.getByRole("button", { name: "Start", exact: true }));
  await expect(page.getByRole("tooltip")).toHaveText("Boots the CT: it becomes running.");
  await expect(page.getByRole("button", { name: "Start", exact: true })).toHaveAccessibleDescription("Boots the CT: it becomes running.");

  // The sections: Charts, then Settings; the current one is marked for assistive tech.
  const sections = page.getByRole("navigation", { name: "CT sections" });
  await expect(sections.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await tabTo(page, sections.getByRole("link", { name: "Charts" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/charts$/);
  await expect(sections.getByRole("link", { name: "Charts" })).toHaveAttribute("aria-current", "page");
  await expect(sections.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", "page");
  await tabTo(page, sections.getByRole("link", { name: "Settings" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(sections.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");

  // The destroy dialog: Enter opens it, focus moves inside, Escape closes it and nothing is destroyed.
  const trigger = page.getByRole("button", { name: "Destroy this CT…" });
  await tabTo(page, trigger);
  await page.screenshot({ path: screenPath("keyboard-destroy-trigger") });
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: `Destroy ${ct.hostname}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectVisibleFocus(page);
  // Focus is trapped: Tab cycles inside the dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectVisibleFocus(page);
  }
  await page.screenshot({ path: screenPath("keyboard-destroy-dialog") });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expectVisibleFocus(page);

  // Again, closed with Enter on Cancel this time.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expectVisibleFocus(page);
  expect(await db().ct.count({ where: { id: ct.id } })).toBe(1);
});
