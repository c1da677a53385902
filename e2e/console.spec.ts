// Browser consoles and shells in Chromium, on a real busybox CT run by a real
// node agent (tests/helpers/console-node.ts): a shell that survives a refresh,
// and support staff attaching to a customer's console with a banner, handover
// and a recording the customer replays.
import { expect, test } from "@playwright/test";
import { logIn } from "./helpers/auth";
import { consoleSpecEnv, termRows, typeLine, waitConnected } from "./helpers/console";
import { makeActor } from "@/tests/helpers/fixtures";

const env = consoleSpecEnv();
let support: Awaited<ReturnType<typeof makeActor>>;
const N = Math.floor(Math.random() * 100_000);

test.beforeAll(async () => {
  support = await makeActor("support", null);
});

test("shell: typed commands run in the CT, and a refresh finds the same shell with its scrollback", async ({ page }) => {
  await logIn(page, env.customer.owner.user.email, env.customer.owner.user.password);
  await page.goto(`/cts/${env.ct.id}/shell`);
  await waitConnected(page);
  await typeLine(page, `echo he""llo-${N}`);
  await expect(termRows(page)).toContainText(`hello-${N}`);
  await typeLine(page, 'echo "p""id-$$-end"');
  await expect(termRows(page)).toContainText(/pid-\d+-end/);
  const pid = (await termRows(page).textContent())!.match(/pid-(\d+)-end/)![1];
  // The reconnect token lives in the URL, so a refresh re-attaches.
  await expect(page).toHaveURL(/[?&]s=[\w-]{20,}/);
  await page.screenshot({ path: "test-results/screens/console-shell.png" });

  await page.reload();
  await waitConnected(page);
  await expect(termRows(page)).toContainText(`hello-${N}`);
  await typeLine(page, 'echo "sa""me-$$-end"');
  await expect(termRows(page)).toContainText(`same-${pid}-end`);
});

test("support attaches with a reason: the customer sees a banner, hands over control, and replays the recording", async ({ browser }) => {
  const mine = await (await browser.newContext()).newPage();
  await logIn(mine, env.customer.owner.user.email, env.customer.owner.user.password);
  await mine.goto(`/cts/${env.ct.id}/console`);
  await waitConnected(mine);

  const staff = await (await browser.newContext()).newPage();
  await logIn(staff, support.user.email, support.user.password);
  await staff.goto(`/cts/${env.ct.id}/console`);
  await staff.getByLabel("Reason").fill(`ticket ${N}: checking the network`);
  await staff.getByRole("button", { name: "Attach read-only" }).click();
  await waitConnected(staff);
  await expect(staff.getByTestId("support-mode")).toContainText("Read-only");

  const banner = mine.getByTestId("viewer-banner");
  await expect(banner).toContainText(support.user.email);
  await expect(banner).toContainText(`ticket ${N}: checking the network`);
  await mine.screenshot({ path: "test-results/screens/console-support-banner.png" });

  await mine.getByRole("button", { name: "Hand over control" }).click();
  await expect(staff.getByTestId("support-mode")).toContainText("you can type");
  await typeLine(staff, `handed-over-${N}`);
  await expect(termRows(mine)).toContainText(`handed-over-${N}`);
  await staff.close();
  await expect(banner).toBeHidden();

  await mine.reload();
  await mine.getByTestId("recordings").getByRole("link").first().click();
  const player = mine.getByTestId("cast-player");
  await expect(player).toHaveAttribute("data-status", "ended", { timeout: 30_000 });
  await expect(player.locator(".xterm-rows")).toContainText(`handed-over-${N}`);
  await mine.screenshot({ path: "test-results/screens/console-recording.png" });
});

test("the key bar's Ctrl-Alt-Del asks first: cancelling leaves the CT running and focus on the button", async ({ page }) => {
  await logIn(page, env.customer.owner.user.email, env.customer.owner.user.password);
  await page.goto(`/cts/${env.ct.id}/console`);
  await waitConnected(page);
  const initBefore = env.node.sim.initPid(env.ct.ctid);
  expect(initBefore).not.toBeNull();
  const button = page.getByRole("toolbar", { name: "Special keys" }).getByRole("button", { name: "Ctrl-Alt-Del" });
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Reboot the CT?" });
  await expect(dialog).toBeVisible();
  // The safe choice has focus; Escape cancels.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  expect(env.node.sim.initPid(env.ct.ctid)).toBe(initBefore);
});
