#!/usr/bin/env node
// `npm start`: the whole product on this machine with no cloud account: builds the SPA, applies
// local D1 migrations, starts wrangler dev (state under .wrangler/), seeds the demo workspace when
// absent, and prints where to sign in. Ctrl-C stops everything it started.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { buildSpa, startLocal } from "./local-server.mjs";

const port = Number(process.env.PORT || 8787);
// The fake CRMs the demo connectors point at listen on FAKE_CRM_PORT, +1 and +2.
const fakeCrmPort = Number(process.env.FAKE_CRM_PORT || 8790);
const password = process.env.SEED_PASSWORD || "demo-password";

// A local encryption key for connector secrets, created once and kept out of git.
if (!existsSync(".dev.vars") || !/^ENCRYPTION_KEY=/m.test(readFileSync(".dev.vars", "utf8"))) {
  const prev = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  writeFileSync(".dev.vars", prev + `ENCRYPTION_KEY=${randomBytes(32).toString("base64url")}\n`);
  console.log("Created .dev.vars with a fresh local ENCRYPTION_KEY.");
}

console.log("Building the web app…");
buildSpa();
console.log("Starting the Worker (local D1 and Durable Objects under .wrangler/)…");
const server = await startLocal({ port, fakeCrmPort, vars: { SEED_PASSWORD: password, APP_URL: `http://localhost:${port}` } });
const s = server.seeded ?? {};

console.log(`
  Onboarding Workflows is running at http://localhost:${port}

  Sign in as admin:  admin@example.com / ${password}
  CSMs:              csm1@example.com, csm2@example.com, csm3@example.com / ${password}
${s.created ? "  Demo workspace seeded." : "  Demo workspace already present (kept as it was)."}
  Fake CRMs for the demo connectors: HubSpot ${server.fakeCrms.hubspot}, Salesforce ${server.fakeCrms.salesforce}, Notion ${server.fakeCrms.notion}
${(s.webhookSecrets ?? []).map((w) => `  ${w.kind} webhook: ${w.url}  secret: ${w.secret}`).join("\n")}
  On Connectors, "Send test event" posts a signed sample event to a demo connector's webhook.
  Press Ctrl-C to stop.
`);

const stop = () => {
  server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.child.on("exit", (code) => {
  console.log(`wrangler dev exited (${code}).\n${server.log().slice(-4000)}`);
  process.exit(code ?? 1);
});
