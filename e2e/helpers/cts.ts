// Helpers for the CT specs: the test server's simulated node (its CORRAL_ROOT is
// handed over in CORRAL_TEST_NODE_ROOT) and waiting for a CT's state in the page.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const nodeRoot = process.env.CORRAL_TEST_NODE_ROOT || "";
export const nodeName = process.env.CORRAL_TEST_NODE_NAME || "";
const corralctl = process.env.CORRALCTL || path.resolve("native/build/corralctl");

/** Runs corralctl on the test node, as a provider would by hand. */
export function onNode(...args: string[]): string {
  return execFileSync(corralctl, ["--root", nodeRoot, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Reloads the CT page until its state badge shows STATE (tasks run on the node in the background). */
export async function waitForCtState(page: Page, state: string, timeoutMs = 90_000) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("ct-state").first()).toHaveText(state, { timeout: 1000 });
  }).toPass({ timeout: timeoutMs, intervals: [500, 1000, 2000] });
}

/**
 * Other specs make nodes that exist only in the database; while FN runs they
 * are put in maintenance so placement picks the test server's real node.
 */
export async function onlyTheRealNode<T>(fn: () => Promise<T>): Promise<T> {
  const { db } = await import("@/server/db/client");
  const others = await db().node.findMany({ where: { name: { not: nodeName }, maintenance: false }, select: { id: true } });
  await db().node.updateMany({ where: { id: { in: others.map((n) => n.id) } }, data: { maintenance: true } });
  try {
    return await fn();
  } finally {
    await db().node.updateMany({ where: { id: { in: others.map((n) => n.id) } }, data: { maintenance: false } });
  }
}
