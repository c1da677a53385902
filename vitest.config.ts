import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "server", include: ["server/**/*.test.ts"], setupFiles: ["tests/helpers/server-setup.ts"], environment: "node", testTimeout: 30_000, fileParallelism: false },
      },
      {
        resolve: { alias },
        test: { name: "api", include: ["tests/api/**/*.test.ts", "tests/realtime/**/*.test.ts"], environment: "node", testTimeout: 60_000, fileParallelism: false },
      },
      {
        // Node agents and tasks on real CTs: simulated nodes on this machine, panels started per file (needs root).
        resolve: { alias },
        test: { name: "nodes", include: ["tests/nodes/**/*.test.ts"], setupFiles: ["tests/helpers/server-setup.ts"], environment: "node", testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
