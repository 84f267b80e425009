#!/usr/bin/env node
// The one command that runs every test: typecheck, SPA build, pure unit tests, web unit tests,
// Worker + Durable Object tests inside workerd, browser tests in Debian's Chromium, and the short
// variants of the reliability suite against the product under wrangler dev.
// Prints a final "N passed, M failed" line and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "./chromium.mjs";

const quiet = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
const env = { ...process.env, ...quiet };
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  return r.status === 0;
}

/** Runs a vitest project and adds its counts (from the JSON report) to the totals. */
function vitest(label, config) {
  mkdirSync("test-results", { recursive: true });
  const out = `test-results/${label}.json`;
  rmSync(out, { force: true });
  const ok = run(label, "npx", ["vitest", "run", "--config", config, "--reporter=default", "--reporter=json", `--outputFile=${out}`]);
  if (existsSync(out)) {
    const rep = JSON.parse(readFileSync(out, "utf8"));
    passed += rep.numPassedTests;
    failed += rep.numFailedTests + (rep.numTotalTestSuites > 0 && rep.numFailedTestSuites && !rep.numFailedTests ? rep.numFailedTestSuites : 0);
    if (rep.numTotalTests === 0) {
      failed += 1;
      failures.push(`${label}: ran no test`);
    }
  } else if (!ok) {
    failed += 1;
  }
  if (!ok) failures.push(label);
}

function step(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

step("typecheck", "npm", ["run", "--silent", "typecheck"]);
step("build SPA", "npx", ["vite", "build", "--logLevel", "warn"]);
vitest("unit", "vitest.unit.config.ts");
vitest("web", "vitest.web.config.ts");
vitest("worker", "vitest.config.ts");
const chromium = ensureChromium();
if (chromium.ok) {
  vitest("e2e", "vitest.e2e.config.ts");
  // The reliability suite's short variants (the long ones: `npm run test:reliability`).
  vitest("reliability", "vitest.reliability.config.ts");
} else {
  console.error(chromium.message);
  failed += 1;
  failures.push("e2e: " + chromium.message);
}

console.log("");
if (failures.length) console.log("Failed parts: " + failures.join(", "));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
