// Terminal helpers for the console specs: a node with a customer's running
// CT for the whole spec file, the xterm rows as text, typing into the focused
// terminal, and waiting on the wrapper's data-status (never a sleep).
import { expect, test, type Page } from "@playwright/test";
import { makeCustomer } from "@/tests/helpers/fixtures";
import { consoleSkipReason, startConsoleNode, type ConsoleNode } from "@/tests/helpers/console-node";

export type ConsoleSpecEnv = { node: ConsoleNode; customer: Awaited<ReturnType<typeof makeCustomer>>; ct: { id: string; ctid: number } };

// Call at the top of a spec file: skips it where CTs cannot run, else starts a
// simulated node with its agent and a customer's busybox CT before the first
// test (filled into the returned object) and removes them after the last.
export function consoleSpecEnv(): ConsoleSpecEnv {
  const skip = consoleSkipReason();
  test.skip(skip !== null, skip ?? "");
  const env = {} as ConsoleSpecEnv;
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(180_000);
    env.node = await startConsoleNode(baseURL!);
    env.customer = await makeCustomer();
    env.ct = await env.node.makeCt(env.customer.tenant.id);
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    await env.node?.cleanup();
  });
  return env;
}

export const termRows = (page: Page) => page.getByTestId("terminal").locator(".xterm-rows");

export async function waitConnected(page: Page) {
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-status", "connected", { timeout: 20_000 });
  // The replay and the first prompt are drawn once the xterm has rows.
  await expect(termRows(page)).toBeVisible();
}

export async function typeLine(page: Page, text: string) {
  await page.getByTestId("terminal").locator(".xterm-screen").click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}
