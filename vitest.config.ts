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
        const ai = inject("aiEmailFakes");
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
              // Fake AI and e-mail APIs (test/fakes/ai-email-setup.ts): configured, but only used by tests that choose them in settings.
              OPENAI_BASE_URL: ai.openai,
              OPENAI_API_KEY: ai.openaiKey,
              AI_PROVIDER: "builtin",
              EMAIL_API_URL: ai.email,
              EMAIL_API_KEY: ai.emailKey,
              EMAIL_FROM: "Onboarding Team <onboarding@app.example.com>",
              EMAIL_PROVIDER: "outbox",
            },
          },
        };
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/setup.ts"],
      globalSetup: ["./test/worker/global-setup.ts", "./test/fakes/ai-email-setup.ts"],
      testTimeout: 30_000,
    },
  };
});
