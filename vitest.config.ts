import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

/**
 * Worker and Durable Object tests run inside workerd with the real bindings from wrangler.toml:
 * local D1 with our migrations applied, the RunObject class, and the built SPA as ASSETS. The fake
 * CRM servers started by the global setup are passed in as FAKE_*_URL bindings.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest(({ inject }) => {
        const fakes = inject("fakeCrm");
        return {
          main: "./worker/index.ts",
          wrangler: { configPath: "./wrangler.toml" },
          miniflare: {
            bindings: {
              TEST_MIGRATIONS: migrations,
              ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY",
              FAKE_HUBSPOT_URL: fakes.hubspot,
              FAKE_SALESFORCE_URL: fakes.salesforce,
              FAKE_NOTION_URL: fakes.notion,
            },
          },
        };
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/setup.ts"],
      globalSetup: ["./test/worker/global-setup.ts"],
      testTimeout: 30_000,
    },
  };
});
