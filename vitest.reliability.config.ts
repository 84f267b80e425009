import { defineConfig } from "vitest/config";

/**
 * Reliability suite (issue 8) against the real product under `wrangler dev`: duplicate storm,
 * claim race, restarts with persisted state, fuzz, authorisation matrix, hostile input in
 * Chromium. `npm test` runs the short variants; `npm run test:reliability` (RELIABILITY_FULL=1)
 * the long ones. One shared server from the global setup; restart and fuzz start their own.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/reliability/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
