// Templates in Chromium on the test server's real node: an admin sees the
// node's templates, builds busybox with a live progress bar, imports a
// tarball uploaded from the browser, and a bad archive or name is refused
// with a sentence and changes nothing. Every build and import is audited.
// (debian-12 is never built here: debootstrap takes minutes.)
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { db } from "@/server/db/client";
import { rnd } from "@/tests/helpers/fixtures";
import { expectNoSeriousA11yViolations, screenPath } from "./helpers/a11y";
import { logIn } from "./helpers/auth";
import { nodeName, nodeRoot } from "./helpers/cts";
import { makeTarballs, nodeTemplates, removeNodeTemplate } from "./helpers/templates";
import { makeCustomerOwner, makeStaff } from "./helpers/users";

test.skip(!nodeRoot, "needs the test server's simulated node (scripts/test.ts runs one as root)");
test.describe.configure({ mode: "serial" });

let files: ReturnType<typeof makeTarballs>;
const imported = `e2e-${rnd()}`;

test.beforeAll(() => {
  files = makeTarballs();
});

test.afterAll(() => {
  removeNodeTemplate(imported);
  files?.dispose();
});

test("an admin builds busybox on the node and watches its progress", async ({ page }) => {
  const admin = await makeStaff("admin");
  await logIn(page, admin.email, admin.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  const section = page.getByTestId(`templates-node-${nodeName}`);
  await expect(section).toBeVisible();
  const before = nodeTemplates().find((t) => t.name === "busybox")?.created ?? 0;

  const form = page.getByRole("form", { name: "Build a template" });
  await form.getByLabel("Node").selectOption({ label: nodeName });
  await form.getByRole("radio", { name: /busybox/ }).check();
  await form.getByRole("button", { name: "Build busybox" }).click();
  const progress = page.getByTestId("build-progress");
  await expect(progress).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(progress.getByRole("status")).toHaveText("Template busybox is built.");
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(section.getByTestId("template-busybox")).toBeVisible();
  await page.screenshot({ path: screenPath("admin-templates-built"), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenPath("admin-templates-built-dark"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // The build really ran on the node (a fresh cache), as a task, and is audited.
  expect(nodeTemplates().find((t) => t.name === "busybox")!.created).toBeGreaterThanOrEqual(before);
  const task = await db().task.findFirstOrThrow({ where: { kind: "template-build", actor: { email: admin.email } }, orderBy: { createdAt: "desc" } });
  expect(task.status).toBe("SUCCEEDED");
  expect(await db().auditEvent.count({ where: { action: "template.build", actorEmail: admin.email, result: "success" } })).toBe(1);
});

test("an admin imports a tarball from the browser; bad archives and names are refused with a sentence", async ({ page }) => {
  const admin = await makeStaff("admin");
  await logIn(page, admin.email, admin.password);
  await page.goto("/templates");
  const form = page.getByRole("form", { name: "Import a template" });
  // Errors show in the import section (Next's route announcer is an alert too).
  const region = page.getByRole("region", { name: "Import a rootfs tarball" });
  await form.getByLabel("Node").selectOption({ label: nodeName });

  // A symlink that climbs out of the root: corralctl's reason, as a sentence, and nothing lands.
  await form.getByLabel("Tarball").setInputFiles(files.bad);
  await form.getByLabel("Template name").fill(`${imported}-bad`);
  await form.getByRole("button", { name: "Upload and import" }).click();
  const alert = region.getByRole("alert").filter({ hasText: "The archive was refused" });
  await expect(alert).toContainText("symlink to `../../../../etc/shadow` escapes the root", { timeout: 30_000 });
  await expect(alert).not.toContainText(nodeRoot);
  await page.screenshot({ path: screenPath("admin-templates-refused"), fullPage: true });

  // Not an archive at all.
  await form.getByLabel("Tarball").setInputFiles(files.garbage);
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(region.getByRole("alert").filter({ hasText: "The archive was refused" })).toContainText("Unrecognized archive format", { timeout: 30_000 });

  // A bad name is refused before any byte leaves the browser...
  await form.getByLabel("Tarball").setInputFiles(files.good);
  await form.getByLabel("Template name").fill("Not A Name");
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(region.getByRole("alert")).toContainText("The template name `Not A Name` is not valid.");
  // ...and by the server too, for a client that skips the form.
  const node = await db().node.findFirstOrThrow({ where: { name: nodeName } });
  const raw = await page.request.post(`/templates/upload?node=${node.id}&name=..%2Fetc`, { data: Buffer.from("x"), headers: { "content-type": "application/octet-stream" } });
  expect(raw.status()).toBe(400);
  expect((await raw.json()).error.message).toContain("The template name `../etc` is not valid.");
  const names = nodeTemplates().map((t) => t.name);
  expect(names.filter((n) => n.startsWith(imported))).toEqual([]);

  // The good one lands, with an upload progress bar on the way.
  await form.getByLabel("Template name").fill(imported);
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(region.getByRole("status").filter({ hasText: `Template ${imported} is imported.` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(`templates-node-${nodeName}`).getByTestId(`template-${imported}`)).toBeVisible();
  // Byte for byte: the node's cache is the file the browser sent (an import keeps the file's compression).
  expect(nodeTemplates().find((t) => t.name === imported)).toMatchObject({ os: "imported", size: fs.statSync(files.good).size });

  // Importing under a name that exists asks for "replace" first.
  await form.getByLabel("Tarball").setInputFiles(files.good);
  await form.getByLabel("Template name").fill(imported);
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(region.getByRole("alert")).toContainText(`Template ${imported} already exists`);
  await form.getByLabel(`Replace the existing template ${imported}`).check();
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(region.getByRole("status").filter({ hasText: `Template ${imported} is imported.` })).toBeVisible({ timeout: 30_000 });

  const audits = await db().auditEvent.findMany({ where: { action: "template.import", actorEmail: admin.email }, orderBy: { id: "asc" } });
  expect(audits.map((a) => a.result)).toEqual(["failure", "failure", "failure", "success", "failure", "success"]);
});

test("customers do not see the Templates page", async ({ page }) => {
  const owner = await makeCustomerOwner();
  await logIn(page, owner.email, owner.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" })).toHaveCount(0);
  await page.goto("/templates");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const upload = await page.request.post(`/templates/upload?node=x&name=y`, { data: Buffer.from("x"), headers: { "content-type": "application/octet-stream" } });
  expect(upload.status()).toBe(404);
});
