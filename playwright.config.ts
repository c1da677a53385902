// e2e in Debian's Chromium; never a downloaded browser. The server under test is
// started by scripts/test.ts and handed over in CORRAL_TEST_URL.
import { defineConfig } from "@playwright/test";

// Several runs in one tree (CI and a developer, two engineers) need their own output dirs.
const results = process.env.CORRAL_TEST_RESULTS || "test-results";

export default defineConfig({
  testDir: "e2e",
  outputDir: `${results}/e2e`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: `${results}/e2e.json` }]],
  // The first-run spec claims the one-time setup link, so it runs before any
  // spec that creates users of its own (an admin would void the link).
  projects: [
    { name: "first-run", testMatch: /first-run\.spec\.ts$/ },
    { name: "panel", testIgnore: /first-run\.spec\.ts$/, dependencies: ["first-run"] },
  ],
  use: {
    baseURL: process.env.CORRAL_TEST_URL ?? "http://localhost:3000",
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these Chromium keeps reaching for the network this machine does not have.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
