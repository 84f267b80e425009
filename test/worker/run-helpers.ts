import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { expect } from "vitest";
import { call } from "./helpers";
import { runStub } from "../../worker/lib/runs";

export const stubOf = (runId: string) => runStub(env, runId);

/** Reads a run through the API as an admin. */
export async function getRun(cookie: string, runId: string) {
  const r = await call(`/api/runs/${runId}`, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/**
 * Fires the run's alarm until it stops changing state or reaches one of `until` statuses. Time is
 * passed in by firing the alarm, never by sleeping.
 */
export async function drive(cookie: string, runId: string, until = ["completed", "failed", "cancelled", "paused"], max = 20) {
  // Let the start kick run (on its own, as it does in production) before deciding to fire alarms.
  await kicked(runId);
  let run = await getRun(cookie, runId);
  for (let i = 0; i < max && !until.includes(run.status); i++) {
    await runDurableObjectAlarm(stubOf(runId));
    await stubOf(runId).idle();
    run = await getRun(cookie, runId);
  }
  return run;
}

/** Creates a workflow from a definition and returns its id. */
export async function createWorkflow(cookie: string, definition: unknown, name = "Test workflow") {
  const r = await call("/api/workflows", { cookie, body: { name, definition } });
  expect(r.status, r.text).toBe(201);
  return r.json.id as string;
}

export const node = (id: string, type: string, config: Record<string, unknown> = {}, x = 0) => ({ id, type, position: { x, y: 0 }, config });
export const edge = (source: string, target: string, sourcePort?: string) => ({ id: `${source}-${sourcePort ?? "out"}-${target}`, source, target, ...(sourcePort ? { sourcePort } : {}) });

export const sampleDeal = (over: Record<string, unknown> = {}): any => ({
  source: "hubspot",
  objectId: "24587310912",
  name: "Brightline Analytics - Growth",
  amount: 48000,
  arr: 48000,
  currency: "USD",
  stage: "closedwon",
  company: { name: "Brightline Analytics", domain: "brightline.example.com", industry: "Software", employees: 240, country: "US", region: "NA-West" },
  primaryContact: { name: "Maya Okafor", email: "maya.okafor@brightline.example.com" },
  owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
  ...over,
});

/** Fires the run's alarm once, after and before letting in-flight work finish. */
export async function fire(runId: string) {
  await stubOf(runId).idle();
  await runDurableObjectAlarm(stubOf(runId));
  await stubOf(runId).idle();
}

/**
 * Makes sure the start kick has run. The kick is an alarm due now, which workerd fires on its own;
 * firing it by hand at the same moment would make the second invocation run the *next* timer
 * early, so give the runtime a moment to take it first and only fire by hand if it has not.
 */
export async function kicked(runId: string) {
  for (let i = 0; i < 20; i++) {
    await stubOf(runId).idle();
    const snap: any = await stubOf(runId).snapshot();
    if (!snap.timers.some((t: any) => t.kind === "kick")) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  await fire(runId);
}
