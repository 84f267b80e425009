import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with the benchmark
import { startProduct, tempDir } from "../../bench/lib/servers.mjs";
// @ts-expect-error plain ESM helper shared with `npm test`
import { ensureChromium } from "../../scripts/chromium.mjs";

/**
 * One product for the reliability tests that share state (storm, claim race, authorisation,
 * hostile input): wrangler dev on a free port with fresh local state, the fake CRMs, the demo
 * seeded. Its log (at info level, as a developer sees it) goes to a file the tests scan for secrets.
 * Tests that restart the server or throw random input at it start their own.
 */
export default async function setup(project: TestProject) {
  // The hostile-input test renders pages in Debian's Chromium; install it if this machine lacks it.
  const chromium = ensureChromium();
  if (!chromium.ok) throw new Error(chromium.message);
  const logDir = tempDir("ow-rel-log-");
  const logFile = join(logDir, "wrangler.log");
  writeFileSync(logFile, "");
  const product = await startProduct({ logLevel: "info", logFile });
  project.provide("rel", JSON.stringify({ url: product.url, seeded: product.seeded, fakeCrms: product.fakeCrms, hubspotWebhookUrl: product.hubspotWebhookUrl, logFile, secrets: product.secrets }));
  return async () => {
    await product.stop();
    if (!process.env.KEEP_RELIABILITY_LOG) rmSync(logDir, { recursive: true, force: true });
    else console.log(`wrangler log kept at ${logFile}`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    rel: string;
  }
}
