// A newcomer's first minute: the one-time setup link, the first admin, the
// empty dashboard, log out.
import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./helpers/auth";

const setupUrl = process.env.CORRAL_TEST_SETUP_URL;

test.describe("first run", () => {
  test.skip(!setupUrl, "needs the setup link printed by a fresh server (scripts/test.ts provides it)");

  test("set up the first admin, log in, see the empty dashboard, log out", async ({ page }) => {
    const email = `admin-${Date.now()}@example.test`;
    const password = "correct horse battery";

    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);

    const { pathname, search } = new URL(setupUrl!);
    await page.goto(pathname + search);
    await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/setup.png" });

    // A short password is refused with a sentence next to the field.
    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill("short");
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    await expect(page.getByText("use at least 10 characters")).toBeVisible();

    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    await expect(page).toHaveURL(/\/login\?setup=done$/);

    // The link was one-time.
    await page.goto(pathname + search);
    await expect(page.getByText("This setup link is not valid any more.")).toBeVisible();

    // A wrong password gets the same answer as an unknown user.
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong password!");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("The email or password is not right. Check both and try again.")).toBeVisible();

    await logIn(page, email, password);
    await expect(page.getByTestId("empty-dashboard")).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText("admin");
    await page.screenshot({ path: "test-results/screens/dashboard.png" });

    await logOut(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });
});
