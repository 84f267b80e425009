/** Helpers for the AI, e-mail and settings Worker tests: provider choice, the fakes' control routes, runs. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call } from "./helpers";
import { sampleDeal, stubOf } from "./run-helpers";
import type { Step } from "../fakes/openai";

const e = env as unknown as { OPENAI_BASE_URL: string; EMAIL_API_URL: string };
const openaiControl = () => e.OPENAI_BASE_URL.replace(/\/v1$/, "");

/** A name no other test uses: the fakes keep their state per model name and per recipient. */
export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** Choose the AI provider through the API (as the Settings page does). */
export async function chooseAi(cookie: string, choice: Record<string, unknown>) {
  const r = await call("/api/settings/ai", { cookie, method: "PUT", body: choice });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/** Choose the e-mail provider through the API. */
export async function chooseEmail(cookie: string, provider: "outbox" | "http") {
  const r = await call("/api/settings/email", { cookie, method: "PUT", body: { provider } });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/** Queue answers on the fake OpenAI server for `model`. */
export async function script(model: string, steps: Step[], extra: { rejectJsonSchema?: boolean } = {}) {
  const r = await fetch(`${openaiControl()}/__fake/script`, { method: "POST", body: JSON.stringify({ model, steps, ...extra }) });
  expect(r.status).toBe(200);
}

/** Choose the fake OpenAI server with a model of its own and queue its answers; returns the model. */
export async function scriptedModel(cookie: string, prefix: string, steps: Step[], timeoutMs = 10_000) {
  const model = unique(prefix);
  await chooseAi(cookie, { provider: "openai", model, timeoutMs });
  await script(model, steps);
  return model;
}

/** What the fake OpenAI server received for `model`. */
export async function aiRequests(model: string): Promise<any[]> {
  return ((await (await fetch(`${openaiControl()}/__fake/requests?model=${encodeURIComponent(model)}`)).json()) as { items: any[] }).items;
}

/** Make the fake e-mail API fail the next sends to `to`. */
export async function failEmail(to: string, f: { status: number; times?: number; retryAfter?: string; afterDelivery?: boolean }) {
  const r = await fetch(`${e.EMAIL_API_URL}/__fake/fail`, { method: "POST", body: JSON.stringify({ to, ...f }) });
  expect(r.status).toBe(200);
}

/** E-mails the fake API really delivered to `to`, and every request that named `to`. */
export async function emailDeliveries(to: string): Promise<any[]> {
  return ((await (await fetch(`${e.EMAIL_API_URL}/__fake/deliveries?to=${encodeURIComponent(to)}`)).json()) as { items: any[] }).items;
}
export async function emailRequests(to: string): Promise<any[]> {
  return ((await (await fetch(`${e.EMAIL_API_URL}/__fake/requests?to=${encodeURIComponent(to)}`)).json()) as { items: any[] }).items;
}

/** Start a test run of the workflow's draft with `deal`. */
export async function testRun(cookie: string, workflowId: string, deal = sampleDeal()) {
  const r = await call(`/api/workflows/${workflowId}/test`, { cookie, body: { deal } });
  expect(r.status, r.text).toBe(201);
  return r.json.runId as string;
}

/** Start a live run of the workflow's draft directly on its run object (as a CRM event would). */
export async function liveRun(cookie: string, workflowId: string, deal = sampleDeal(), runId = `run_${crypto.randomUUID().replace(/-/g, "")}`) {
  const w = await call(`/api/workflows/${workflowId}`, { cookie });
  const input = {
    runId,
    workflowId,
    workflowName: w.json.name,
    version: null,
    mode: "live" as const,
    definition: w.json.draft,
    trigger: null,
    deal,
    subject: { connector: "hubspot", objectId: deal.objectId, name: deal.company?.name ?? "Deal" },
  };
  return { runId, input, start: () => stubOf(runId).start(input) };
}

/** The journal rows of one node. */
export const stepsOf = (run: any, nodeId: string) => run.steps.filter((s: any) => s.nodeId === nodeId);
