import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with npm start
import { startLocal } from "../../scripts/local-server.mjs";

/** Starts the product once for all browser tests, on a free port with its own fresh state. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "ow-e2e-"));
  const port = 18000 + Math.floor(Math.random() * 2000);
  const server = await startLocal({ port, persistTo: dir, vars: { SEED_PASSWORD: "demo-password", ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY" } });
  project.provide("baseUrl", server.url);
  project.provide("seed", JSON.stringify(server.seeded));
  return async () => {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    seed: string;
  }
}
