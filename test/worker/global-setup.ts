import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM shared with `npm start`
import { startFakeCrms } from "../fakes/index.mjs";

/**
 * Starts the fake HubSpot, Salesforce and Notion servers once, in Node, for every Worker test file.
 * Their URLs reach the Worker as bindings (see vitest.config.ts); workerd's outbound fetch to
 * 127.0.0.1 reaches them.
 */
export default async function setup(project: TestProject) {
  const fakes = await startFakeCrms();
  project.provide("fakeCrm", fakes.urls);
  return () => fakes.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeCrm: { hubspot: string; salesforce: string; notion: string };
  }
}
