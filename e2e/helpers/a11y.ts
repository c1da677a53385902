import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Runs axe on the page and fails on serious or critical violations, naming them. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious, `axe violations on ${page.url()}`).toEqual([]);
}

/** Where a named screenshot goes: the screens/ folder of this run's results (CORRAL_TEST_RESULTS). */
export function screenPath(name: string) {
  return path.join(process.env.CORRAL_TEST_RESULTS || "test-results", "screens", `${name}.png`);
}

/**
 * The focused element's focus ring as the user sees it: fails unless it matches
 * :focus-visible and draws a non-zero outline or box-shadow. Returns a short
 * description of the element for messages.
 */
export async function expectVisibleFocus(page: Page) {
  const info = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { ok: false, what: "nothing focused" };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    const ring = cs.boxShadow !== "none" && cs.boxShadow !== "";
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    return { ok: el.matches(":focus-visible") && (outline || ring), what };
  });
  expect(info.ok, `focus is not visible on ${info.what}`).toBe(true);
  return info.what;
}
