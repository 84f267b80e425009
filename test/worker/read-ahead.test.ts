import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { schema } from "../../worker/db/client";
import { iso } from "../../worker/lib/time";
import { runIdFor, testRunName } from "../../worker/lib/runs";
import { createServices, type ServiceScope } from "../../durable/services";
import { ReadAhead, readsAhead } from "../../durable/services/read-ahead";
import { executeNode } from "../../durable/execute";
import type { Definition } from "../../durable/graph";
import type { RunObject } from "../../durable/run";
import type { RunData } from "../../durable/types";
import { db, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal, stubOf } from "./run-helpers";
import { watched } from "./d1-watch";

async function makeTemplate(name = "Read-ahead template") {
  const id = `tpl_${crypto.randomUUID().slice(0, 12)}`;
  const milestones = [{ name: "Kickoff", offsetDays: 0, tasks: [{ title: "Kickoff call", owner: "csm" as const, offsetDays: 1 }] }];
  await db().insert(schema.templates).values({ id, name, milestones, createdAt: iso(), updatedAt: iso() });
  return id;
}

/** Three CSMs in a fresh pool, named so the pool lists them in this order. */
async function threeCsmPool() {
  const users = [await makeUser({ name: "Ana Ahead", role: "csm" }), await makeUser({ name: "Ben Ahead", role: "csm" }), await makeUser({ name: "Cy Ahead", role: "csm" })];
  return { poolId: await makePool(users.map((u) => u.id)), users };
}

/** Deal won → account → assign CSM (round robin) → apply template → End: the stretch the bench's runs take. */
function onboarding(poolId: string, templateId: string): Definition {
  return {
    nodes: [
      node("trigger", "trigger.hubspot", { connectorId: "con_ahead", stageIds: ["closedwon"] }),
      node("account", "action.create_account"),
      node("assign", "action.assign_csm", { poolId, strategy: "round_robin" }),
      node("template", "action.apply_template", { templateId }),
      node("done", "end", { outcome: "completed" }),
    ],
    edges: [edge("trigger", "account"), edge("account", "assign"), edge("assign", "template", "out"), edge("assign", "done", "none"), edge("template", "done")],
  } as Definition;
}

const memo = () => {
  const m = new Map<string, unknown>();
  return { get: <T,>(k: string) => (m.get(k) ?? null) as T | null, put: (k: string, v: unknown) => void m.set(k, v) };
};

function scope(over: Partial<ServiceScope> & { nodeId: string }): ServiceScope {
  return { runId: `run_${crypto.randomUUID()}`, workflowId: "wf_ahead", mode: "live", attempt: 1, now: Date.now(), later: () => undefined, ...over };
}

describe("readsAhead", () => {
  it("names the pools and templates of the steps a stretch can reach, stopping at steps that wait", () => {
    const def = {
      nodes: [
        node("a", "action.assign_csm", { poolId: "pool_a" }),
        node("t", "action.apply_template", { rules: [{ combine: "all", rules: [], templateId: "tpl_rule" }], defaultTemplateId: "tpl_default" }),
        node("wait", "human.approval", {}),
        node("later", "action.apply_template", { templateId: "tpl_after_wait" }),
        node("sleep", "logic.delay", {}),
        node("b", "action.assign_csm", { poolId: "pool_after_delay" }),
      ],
      edges: [edge("a", "t"), edge("t", "wait"), edge("wait", "later"), edge("a", "sleep", "none"), edge("sleep", "b")],
    } as Definition;
    expect(readsAhead(def, "a")).toEqual({ pools: ["pool_a"], templates: ["tpl_rule", "tpl_default"], holidays: true });
    // A stretch that begins at a waiting step (a person just answered) reads what follows it.
    expect(readsAhead(def, "wait")).toEqual({ pools: [], templates: ["tpl_after_wait"], holidays: true });
    // No plan to date, no holidays to read.
    expect(readsAhead(def, "b")).toEqual({ pools: ["pool_after_delay"], templates: [], holidays: false });
  });
});

describe("a stretch's reads ride in its first D1 batch", () => {
  it("the account upsert carries the pool and template reads, and the steps after it make none of their own", async () => {
    const { poolId, users } = await threeCsmPool();
    const templateId = await makeTemplate();
    const d1 = watched(env.DB);
    const def = onboarding(poolId, templateId);
    const reads = new ReadAhead(d1.binding, readsAhead(def, "account"));
    const base = { runId: `run_${crypto.randomUUID()}`, mode: "test" as const, reads, later: () => undefined };
    const deal = sampleDeal({ objectId: `ahead-${crypto.randomUUID()}` });
    const account = await executeNode(def, "account", { deal, steps: {} }, createServices({ ...env, DB: d1.binding }, scope({ ...base, nodeId: "account" })));
    expect(account).toMatchObject({ kind: "next" });
    // Upsert and link (2), the pool (3), the template (1), the holidays (1): one round trip.
    expect(d1.trips).toEqual(["batch of 7"]);
    const data = { deal, steps: {}, account: (account as { set?: { account?: RunData["account"] } }).set?.account };
    const assign = await executeNode(def, "assign", data, createServices({ ...env, DB: d1.binding }, scope({ ...base, nodeId: "assign" })));
    expect(assign).toMatchObject({ kind: "next", port: "out", output: { csmId: users[0]!.id } });
    const template = await executeNode(def, "template", data, createServices({ ...env, DB: d1.binding }, scope({ ...base, nodeId: "template" })));
    expect(template).toMatchObject({ kind: "next", output: { templateId, milestones: 1 } });
    expect(d1.trips).toEqual(["batch of 7"]);
  });

  it("a step that needs a read-ahead read before any write fetches them all in one batch", async () => {
    const { poolId } = await threeCsmPool();
    const templateId = await makeTemplate();
    const d1 = watched(env.DB);
    const services = createServices({ ...env, DB: d1.binding }, scope({ nodeId: "assign", reads: new ReadAhead(d1.binding, { pools: [poolId], templates: [templateId] }) }));
    expect((await services.pools.get(poolId))?.members).toHaveLength(3);
    expect((await services.templates.get(templateId))?.id).toBe(templateId);
    expect(await services.templates.get("tpl_missing")).toBeNull();
    // The template that was not read ahead costs a round trip of its own.
    expect(d1.trips).toEqual(["batch of 4", "batch of 1"]);
  });

  it("a run object's stretch uses it: a test run of account, CSM and template makes two round trips, the second its index", async () => {
    const { cookie } = await signedIn();
    const { poolId } = await threeCsmPool();
    const templateId = await makeTemplate();
    const definition = onboarding(poolId, templateId);
    const workflowId = await createWorkflow(cookie, definition, "Read-ahead run");
    const runId = await runIdFor(testRunName(workflowId));
    const d1 = watched(env.DB);
    // The run's object, with its D1 binding watched before anything runs in it.
    await runInDurableObject(stubOf(runId), (o: RunObject) => void ((o as unknown as { env: typeof env }).env = { ...env, DB: d1.binding }));
    const deal = sampleDeal({ objectId: `ahead-${crypto.randomUUID()}` });
    await stubOf(runId).start({ runId, workflowId, workflowName: "Read-ahead run", version: null, mode: "test", definition, trigger: null, deal, subject: { connector: "hubspot", objectId: deal.objectId, name: deal.name } });
    const run = await drive(cookie, runId);
    expect(run.status, JSON.stringify(run.outcome)).toBe("completed");
    expect(run.steps.map((s: { nodeId: string; status: string }) => `${s.nodeId}:${s.status}`)).toEqual(["trigger:completed", "account:completed", "assign:completed", "template:completed", "done:completed"]);
    expect(d1.trips).toEqual(["batch of 7", expect.stringMatching(/^batch of \d+$/)]);
  });
});

describe("round robin between runs that read the pool at once", () => {
  it("the run whose read went stale chooses again, so two runs never take the same turn", async () => {
    const { poolId, users } = await threeCsmPool();
    const def = onboarding(poolId, "tpl_unused");
    const data = { deal: sampleDeal(), steps: {} };
    // Both runs read the pool ahead (pointer 0), then the first takes its turn.
    const first = new ReadAhead(env.DB, { pools: [poolId], templates: [] });
    const second = new ReadAhead(env.DB, { pools: [poolId], templates: [] });
    await first.pool(poolId);
    await second.pool(poolId);
    const a = await executeNode(def, "assign", data, createServices(env, scope({ nodeId: "assign", reads: first, memo: memo() })));
    const b = await executeNode(def, "assign", data, createServices(env, scope({ nodeId: "assign", reads: second, memo: memo() })));
    expect(a).toMatchObject({ kind: "next", output: { csmId: users[0]!.id } });
    expect(b).toMatchObject({ kind: "next", output: { csmId: users[1]!.id } });
    const pool = await db().select().from(schema.pools).where(eq(schema.pools.id, poolId)).get();
    expect(pool!.rrPointer).toBe(2);
  });

  it("a retried step keeps the turn its first attempt took, and a second step of the same stretch takes the next", async () => {
    const { poolId, users } = await threeCsmPool();
    const def = onboarding(poolId, "tpl_unused");
    const data = { deal: sampleDeal(), steps: {} };
    const runMemo = memo();
    const runId = `run_${crypto.randomUUID()}`;
    const attempt = (n: number, reads: ReadAhead, nodeId = "assign") => executeNode(def, "assign", data, createServices(env, scope({ runId, nodeId, attempt: n, reads, memo: runMemo })));
    const stretch = new ReadAhead(env.DB, { pools: [poolId], templates: [] });
    expect(await attempt(1, stretch)).toMatchObject({ output: { csmId: users[0]!.id } });
    // Say the first attempt's outcome was lost (the object died): the retry reads afresh, pointer 1.
    expect(await attempt(2, new ReadAhead(env.DB, { pools: [poolId], templates: [] }))).toMatchObject({ output: { csmId: users[0]!.id } });
    expect((await db().select().from(schema.pools).where(eq(schema.pools.id, poolId)).get())!.rrPointer).toBe(1);
    // Another assign step later in the first stretch sees the pointer its predecessor moved.
    expect(await attempt(1, stretch, "assign_backup")).toMatchObject({ output: { csmId: users[1]!.id } });
    expect((await db().select().from(schema.pools).where(eq(schema.pools.id, poolId)).get())!.rrPointer).toBe(2);
  });
});
