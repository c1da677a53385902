// Live charts and explained beancounters in Chromium, on a real CT run by a
// real node agent: the charts move every second, the range picker switches
// to stored history, and a memory hog shows up within 5 seconds as a
// highlighted, flagged beancounter row with its sentence.
import { expect, test } from "@playwright/test";
import { logIn } from "./helpers/auth";
import { metricsSkipReason, startNodeWithCt } from "./helpers/metrics";

const skip = metricsSkipReason();
test.skip(skip !== null, skip ?? "");

let env: Awaited<ReturnType<typeof startNodeWithCt>>;
const CTID = 173;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  env = await startNodeWithCt(baseURL!, CTID);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await env?.cleanup();
});

test("a running CT's charts move every second and the range picker switches to history", async ({ page }) => {
  await logIn(page, env.ct.owner.user.email, env.ct.owner.user.password);
  await page.goto(`/cts/${env.ct.ct.id}/charts`);
  await expect(page.getByRole("region", { name: "Charts" })).toHaveAttribute("data-status", "connected");
  const cpu = page.getByTestId("chart-cpu");
  const lastT = async () => Number((await cpu.getAttribute("data-last-t")) || 0);
  await expect.poll(lastT, { timeout: 10_000 }).toBeGreaterThan(0);
  // Three different newest points, each about a second apart: the chart moves.
  const seen = [await lastT()];
  for (let i = 0; i < 2; i++) {
    await expect.poll(lastT, { timeout: 5000 }).toBeGreaterThan(seen.at(-1)!);
    seen.push(await lastT());
  }
  expect(seen[2]! - seen[0]!).toBeLessThan(4000);
  for (const id of ["memory", "processes", "disk", "network", "io"]) await expect(page.getByTestId(`chart-${id}`).locator("canvas")).toHaveCount(1);
  expect(Number(await page.getByTestId("chart-memory").getAttribute("data-points"))).toBeGreaterThan(1);
  await page.screenshot({ path: "test-results/screens/ct-charts.png", fullPage: true });

  await page.getByRole("button", { name: "1 hour" }).click();
  await expect(page.getByRole("button", { name: "1 hour" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("metrics-status")).toHaveText(/Stored history/);
  await expect(page.getByRole("region", { name: "Charts" })).toHaveAttribute("data-history", "1h");
  await expect(page.getByTestId("history-error")).toHaveCount(0);
  await page.getByRole("button", { name: "15 min" }).click();
  const before = await lastT();
  await expect.poll(lastT, { timeout: 5000 }).toBeGreaterThan(before);
});

test("a memory hog gives a highlighted, flagged beancounter row with its sentence within 5 s", async ({ page }) => {
  await logIn(page, env.ct.owner.user.email, env.ct.owner.user.password);
  await page.goto(`/cts/${env.ct.ct.id}/beancounters`);
  const phys = page.getByTestId("ubc-physpages");
  await expect(phys).toBeVisible();
  await expect(phys).toHaveAttribute("data-failcnt-increased", "false");
  const at = Date.now();
  try {
    env.node.ctl("exec", String(CTID), "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1");
  } catch {
    // Killed by the kernel (exit 137): that is the point.
  }
  await expect(phys).toHaveAttribute("data-failcnt-increased", "true", { timeout: 5000 });
  await expect(phys).toHaveAttribute("data-near", "true");
  await expect(page.getByTestId("ubc-physpages-sentence")).toHaveText(
    "Your CT tried to use more than its 64 MB of RAM once in the last hour; the kernel stopped dd each time. Upgrade the plan or tune dd's workers.",
    { timeout: 5000 },
  );
  await expect(page.getByTestId("ubc-events")).toContainText("the kernel stopped dd");
  expect(Date.now() - at).toBeLessThan(5000);
  await page.screenshot({ path: "test-results/screens/ct-beancounters.png", fullPage: true });
  // The same hit is a notification for the tenant.
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByTestId("notifications")).toContainText(`${env.ct.ct.hostname} ran out of its 64 MB of RAM; the kernel stopped dd.`);
});
