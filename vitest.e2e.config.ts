import { defineConfig } from "vitest/config";

/**
 * Browser tests: real Chromium (Debian's) driven by playwright-core against the real product
 * under `wrangler dev`, started once with fresh local state by the global setup.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
