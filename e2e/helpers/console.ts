// Terminal helpers for the console specs: the xterm rows as text, typing into
// the focused terminal, and waiting on the wrapper's data-status (never a sleep).
import { expect, type Page } from "@playwright/test";

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
