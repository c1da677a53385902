// The terminal's own tools in Chromium, on a real busybox CT shell run by a
// real node agent: paste (a multi-line paste asks first), copy and search, the
// key bar, font size and window size reaching the pty, web links, a hostile
// CT's output staying text, and reconnecting by itself after a network drop.
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers/auth";
import { consoleSpecEnv, termRows, typeLine, waitConnected } from "./helpers/console";

const env = consoleSpecEnv();
test.use({ permissions: ["clipboard-read", "clipboard-write"] });
const N = Math.floor(Math.random() * 100_000);

async function openShell(page: Page) {
  await logIn(page, env.customer.owner.user.email, env.customer.owner.user.password);
  await page.goto(`/cts/${env.ct.id}/shell`);
  await waitConnected(page);
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const focusTerminal = (page: Page) => page.getByTestId("terminal").locator(".xterm-screen").click();
const keyBar = (page: Page) => page.getByRole("toolbar", { name: "Special keys" });

// Every prompt and output row as one string per row.
async function rows(page: Page) {
  return termRows(page).locator(":scope > div").allTextContents();
}

// `stty size` of the shell's pty, as the CT sees it.
async function ttySize(page: Page, tag: string) {
  await typeLine(page, `echo "si""ze-${tag}-$(stty size)-end"`);
  const re = new RegExp(`size-${tag}-(\\d+) (\\d+)-end`);
  await expect(termRows(page)).toContainText(re);
  const m = (await termRows(page).textContent())!.match(re)!;
  return { rows: Number(m[1]), cols: Number(m[2]) };
}

test("paste: one line goes straight in; several lines ask first, and cancelling types nothing", async ({ page }) => {
  await openShell(page);
  const dialogs: string[] = [];
  let answer: "accept" | "dismiss" = "dismiss";
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void (answer === "accept" ? d.accept() : d.dismiss());
  });

  // One line (Ctrl+Shift+V, the terminal's own shortcut): no question.
  await setClipboard(page, `echo "sin""gle-${N}"`);
  await focusTerminal(page);
  await page.keyboard.press("Control+Shift+V");
  await page.keyboard.press("Enter");
  await expect(termRows(page)).toContainText(`single-${N}`);
  expect(dialogs).toEqual([]);

  // Two lines from the toolbar's Paste, cancelled: nothing reaches the shell.
  await setClipboard(page, `echo "can""celled-${N}"\necho "can""celled-${N}"\n`);
  await page.getByRole("button", { name: "Paste", exact: true }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toBe("Paste 2 lines into the terminal?");
  await typeLine(page, `echo "mar""ker-${N}"`);
  // A row of its own: nothing pasted late (twice, or after the question) ran into it.
  await expect.poll(async () => (await rows(page)).map((r) => r.trim())).toContain(`marker-${N}`);
  await expect(termRows(page)).not.toContainText(`celled-${N}`);
  expect((await rows(page)).filter((r) => r.includes(`single-${N}`))).toHaveLength(1);

  // Three lines with the browser's own Ctrl+V, accepted: every line runs.
  answer = "accept";
  await setClipboard(page, `echo "one""-${N}"\necho "two""-${N}"\necho "three""-${N}"`);
  await focusTerminal(page);
  await page.keyboard.press("Control+V");
  await expect.poll(() => dialogs.length).toBe(2);
  expect(dialogs[1]).toBe("Paste 3 lines into the terminal?");
  await page.keyboard.press("Enter");
  for (const w of ["one", "two", "three"]) await expect(termRows(page)).toContainText(`${w}-${N}`);
});

test("search finds text in the scrollback and Copy puts the match on the clipboard; Ctrl+Shift+C copies a selection", async ({ page }) => {
  await openShell(page);
  await typeLine(page, `echo "fi""nd-me-${N}"`);
  await expect(termRows(page)).toContainText(`find-me-${N}`);
  for (let i = 0; i < 5; i++) await typeLine(page, `echo "fil""ler-${i}"`);
  await expect(termRows(page)).toContainText("filler-4");

  await setClipboard(page, "nothing yet");
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Select text in the terminal first.");
  expect(await clipboard(page)).toBe("nothing yet");

  await page.getByLabel("Search the terminal").fill(`find-me-${N}`);
  await page.getByLabel("Search the terminal").press("Enter");
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Copied.");
  expect(await clipboard(page)).toBe(`find-me-${N}`);

  // A triple click selects the output row; the terminal's own shortcut copies it.
  await setClipboard(page, "nothing yet");
  await termRows(page).locator(":scope > div", { hasText: new RegExp(`^filler-2\\s*$`) }).click({ clickCount: 3, force: true });
  await page.keyboard.press("Control+Shift+C");
  await expect.poll(() => clipboard(page)).toMatch(/^filler-2\s*$/);
});

test("the key bar: Ctrl-C interrupts, arrows move and recall, Tab completes", async ({ page }) => {
  await openShell(page);

  // Once the echo shows, the shell has the terminal back in cooked mode, so
  // the Ctrl-C is a signal (to the sleep, or to the shell just before it).
  await typeLine(page, `echo "sle""eping-${N}"; sleep 600`);
  await expect(termRows(page)).toContainText(`sleeping-${N}`);
  await keyBar(page).getByRole("button", { name: "Interrupt", exact: true }).click();
  // Typed ahead of a running sleep, this would sit unread for ten minutes.
  await typeLine(page, `echo "af""ter-${N}"`);
  await expect(termRows(page)).toContainText(`after-${N}`, { timeout: 10_000 });

  // Left twice from the end of `echo "le""ft-N-b"` puts the cursor before the b.
  await focusTerminal(page);
  await page.keyboard.type(`echo "le""ft-${N}-b"`);
  await keyBar(page).getByRole("button", { name: "Left", exact: true }).click();
  await keyBar(page).getByRole("button", { name: "Left", exact: true }).click();
  await focusTerminal(page);
  await page.keyboard.type("a");
  await page.keyboard.press("Enter");
  await expect(termRows(page)).toContainText(`left-${N}-ab`);

  // Up recalls that line; run again, its output shows twice.
  await keyBar(page).getByRole("button", { name: "Up", exact: true }).click();
  await focusTerminal(page);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await rows(page)).filter((r) => r.trim() === `left-${N}-ab`).length).toBe(2);

  // Tab completes a command name.
  await focusTerminal(page);
  await page.keyboard.type("ech");
  await keyBar(page).getByRole("button", { name: "Tab", exact: true }).click();
  await focusTerminal(page);
  await page.keyboard.type(` "t""ab-${N}"`);
  await page.keyboard.press("Enter");
  await expect(termRows(page)).toContainText(`tab-${N}`);
});

test("font size and window size reach the pty; the font size is kept for the next visit", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openShell(page);
  const before = await ttySize(page, "a");
  await expect(page.getByLabel("Font size")).toHaveText("14px");

  for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Larger font" }).click();
  await expect(page.getByLabel("Font size")).toHaveText("18px");
  const bigger = await ttySize(page, "b");
  expect(bigger.cols).toBeLessThan(before.cols);
  expect(bigger.rows).toBeLessThan(before.rows);

  await page.setViewportSize({ width: 800, height: 900 });
  const narrower = await ttySize(page, "c");
  expect(narrower.cols).toBeLessThan(bigger.cols);

  await page.reload();
  await waitConnected(page);
  await expect(page.getByLabel("Font size")).toHaveText("18px");
});

test("a hostile CT's output stays text: no markup runs, and OSC 52 cannot write the clipboard", async ({ page }) => {
  await openShell(page);
  await setClipboard(page, `before-${N}`);
  const payload = Buffer.from(`pwned-${N}`).toString("base64");
  // OSC 52 "set clipboard", terminated by BEL and by ST.
  await typeLine(page, `printf '\\033]52;c;${payload}\\007\\033]52;p;${payload}\\033\\\\'; echo "osc""-done-${N}"`);
  await expect(termRows(page)).toContainText(`osc-done-${N}`);
  const markup = `<img src=x onerror="window.__pwned=${N}"><script>window.__pwned=${N}</script>`;
  await typeLine(page, `printf '%s\\n' '${markup}' "mar""kup-${N}"`);
  await expect(termRows(page)).toContainText(`markup-${N}`);

  await expect(termRows(page)).toContainText(markup);
  await expect(page.getByTestId("terminal").locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await clipboard(page)).toBe(`before-${N}`);
});

test("a web link opens on click in a new tab that has no handle on the panel", async ({ page, context }) => {
  await openShell(page);
  // Answered by the browser context itself: nothing is sent anywhere.
  const url = `http://127.0.0.1:9/link-${N}`;
  await context.route(url, (r) => r.fulfill({ contentType: "text/html", body: "<title>link target</title>" }));
  await typeLine(page, `echo "http://127.0.0.1:9/li""nk-${N}"`);
  const row = termRows(page).locator(":scope > div", { hasText: new RegExp(`^${url.replace(/[./]/g, "\\$&")}`) });
  await expect(row).toHaveCount(1);
  const opened = context.waitForEvent("page");
  // xterm's screen layer takes the pointer above its rows: click through to the link's cells.
  await row.click({ position: { x: 30, y: 5 }, force: true });
  const tab = await opened;
  await expect(tab).toHaveTitle("link target");
  expect(tab.url()).toBe(url);
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();
});

test("a dropped network: the terminal says it is reconnecting, keeps trying, and comes back by itself to the same shell", async ({ page, context }) => {
  // Every websocket of the page goes through this route, so the test can cut
  // them (Chromium's offline mode alone leaves open websockets up) and refuse
  // new ones while "offline"; the ticket's fetch fails through setOffline.
  let offline = false;
  const live: { close: () => Promise<void> }[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) return void ws.close().catch(() => {});
    const server = ws.connectToServer();
    live.push({ close: async () => void (await Promise.all([ws.close().catch(() => {}), server.close().catch(() => {})])) });
  });
  await openShell(page);
  await typeLine(page, `echo "p""id-$$-end"`);
  await expect(termRows(page)).toContainText(/pid-\d+-end/);
  const pid = (await termRows(page).textContent())!.match(/pid-(\d+)-end/)![1];

  offline = true;
  await context.setOffline(true);
  for (const l of live.splice(0)) await l.close();
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-status", "reconnecting");
  // Its ticket requests fail for a while: it says so and keeps trying.
  const unreachable = page.getByRole("alert").filter({ hasText: "could not be reached" });
  await expect(unreachable).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-status", "reconnecting");

  offline = false;
  await context.setOffline(false);
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
  await expect(unreachable).toHaveCount(0);
  await typeLine(page, `echo "sa""me-$$-end"`);
  await expect(termRows(page)).toContainText(`same-${pid}-end`);
});

test("a shell that exits ends the session: the terminal says so, and a new shell opens on request", async ({ page }) => {
  await openShell(page);
  await typeLine(page, `echo "p""id-$$-end"`);
  await expect(termRows(page)).toContainText(/pid-\d+-end/);
  const pid = (await termRows(page).textContent())!.match(/pid-(\d+)-end/)![1];
  await typeLine(page, "exit");
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-status", "disconnected");
  // The ended shell's token leaves the URL, so a refresh cannot ask for it.
  await expect(page).not.toHaveURL(/[?&]s=/);
  await page.getByRole("button", { name: "Open a new shell" }).click();
  await waitConnected(page);
  await typeLine(page, `echo "p""id-$$-new"`);
  await expect(termRows(page)).toContainText(/pid-\d+-new/);
  expect((await termRows(page).textContent())!.match(/pid-(\d+)-new/)![1]).not.toBe(pid);
});
