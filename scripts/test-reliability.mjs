#!/usr/bin/env node
// `npm run test:reliability`: the reliability suite's long variants (issue 8) against the product
// under wrangler dev — 2,000-delivery duplicate storm, claim race on 20 items, 20 restart cycles,
// 10,000 fuzz requests, the authorisation matrix and hostile input in Chromium.
import { spawnSync } from "node:child_process";

const env = { ...process.env, RELIABILITY_FULL: "1", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
const r = spawnSync("npx", ["vitest", "run", "--config", "vitest.reliability.config.ts", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(r.status ?? 1);
