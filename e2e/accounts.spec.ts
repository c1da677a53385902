// From an empty panel to a paying customer, in the browser: an admin creates a
// tenant with a quota, a plan, an IP pool with a range and the customer's
// owner; the customer logs in, sees the quota bars, creates a server, and is
// told plainly when the next one would exceed the quota.
import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut } from "./helpers/auth";
import { cleanUp, disconnect, rnd, seedAdmin, seedNode } from "./helpers/accounts";

const id = rnd();
const tenant = { name: `Acme ${id}`, slug: `acme-${id}` };
const plan = `small-${id}`;
const owner = { email: `owner-${id}@example.test`, password: "customer password 42" };
const net = `10.${200 + (parseInt(id.slice(0, 2), 16) % 50)}.${parseInt(id.slice(2, 4), 16)}`;
let admin: { email: string; password: string };

test.beforeAll(async () => {
  admin = await seedAdmin();
  await seedNode();
});

test.afterAll(async () => {
  await cleanUp(tenant.slug);
  await disconnect();
});

const form = (page: Page, name: string) => page.getByRole("form", { name });

test("admin sets up a tenant with a plan from the browser; the customer sees quotas and hits one", async ({ page }) => {
  await logIn(page, admin.email, admin.password);

  // Tenant with a quota of one CT.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
  const newTenant = form(page, "New tenant");
  await newTenant.getByLabel("Name").fill(tenant.name);
  await newTenant.getByLabel("Slug").fill(tenant.slug);
  await newTenant.getByLabel("Max CTs").fill("1");
  await newTenant.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("link", { name: tenant.name })).toBeVisible();

  // A plan; a too-big one first, refused with the field named.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plans" }).click();
  const newPlan = form(page, "New plan");
  await newPlan.getByLabel("Plan name").fill(plan);
  await newPlan.getByLabel("RAM (GiB)").fill("100000");
  await newPlan.getByLabel("Disk (GiB)").fill("10");
  await newPlan.getByRole("button", { name: "Create plan" }).click();
  await expect(newPlan.getByRole("alert")).toContainText("No node is big enough");
  await expect(newPlan.getByRole("alert")).toContainText("ramBytes");
  await newPlan.getByLabel("RAM (GiB)").fill("1");
  await newPlan.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("cell", { name: plan })).toBeVisible();

  // An IP pool and a range of addresses.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IP pools" }).click();
  const newPool = form(page, "New IP pool");
  await newPool.getByLabel("Pool name").fill(`pool-${id}`);
  await newPool.getByLabel("Network (CIDR)").fill(`${net}.0/24`);
  await newPool.getByRole("button", { name: "Create pool" }).click();
  await page.getByRole("link", { name: `pool-${id}` }).click();
  const range = form(page, "Add range");
  await range.getByLabel("First address").fill(`${net}.10`);
  await range.getByLabel("Last address").fill(`${net}.19`);
  await range.getByRole("button", { name: "Add range" }).click();
  await expect(range.getByRole("status")).toContainText("Added 10 addresses");
  await expect(page.getByRole("cell", { name: `${net}.10`, exact: true })).toBeVisible();

  // The customer's owner account, on the tenant's page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
  await page.getByRole("link", { name: tenant.name }).click();
  const newUser = form(page, "New user");
  await newUser.getByLabel("Name").fill("Olivia Owner");
  await newUser.getByLabel("User email").fill(owner.email);
  await newUser.getByLabel("Initial password").fill("short");
  await newUser.getByRole("button", { name: "Add user" }).click();
  await expect(newUser.getByRole("alert")).toContainText("password");
  await newUser.getByLabel("Initial password").fill(owner.password);
  await newUser.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(owner.email)).toBeVisible();
  await page.screenshot({ path: "test-results/screens/tenant-admin.png" });
  await logOut(page);

  // The customer: quota bars, one server, then a clear refusal.
  await logIn(page, owner.email, owner.password);
  const bars = page.getByTestId("quota-bars");
  await expect(bars).toBeVisible();
  await expect(page.getByTestId("usage-containers")).toContainText("0 of 1");
  const create = form(page, "New server");
  await create.getByLabel("Host name").fill("web1");
  await create.getByLabel("Plan").selectOption({ label: plan });
  await create.getByRole("button", { name: "Create server" }).click();
  await expect(create.getByRole("status")).toContainText("web1 is being created");
  await expect(page.getByTestId("usage-containers")).toContainText("1 of 1");
  await expect(page.getByRole("cell", { name: `${net}.10` })).toBeVisible();

  await create.getByLabel("Host name").fill("web2");
  await create.getByLabel("Plan").selectOption({ label: plan });
  await create.getByRole("button", { name: "Create server" }).click();
  await expect(create.getByRole("alert")).toContainText("This would exceed your containers quota (1 of 1 used)");
  // What was typed stays, so the customer can adjust and retry.
  await expect(create.getByLabel("Host name")).toHaveValue("web2");
  await expect(page.getByTestId("usage-containers")).toContainText("1 of 1");
  await page.screenshot({ path: "test-results/screens/customer-quota.png" });
  await logOut(page);
});
