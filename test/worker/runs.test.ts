import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { call, db, makeUser, signedIn } from "./helpers";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import { createWorkflow, drive, edge, fire, getRun, kicked, node, sampleDeal, stubOf } from "./run-helpers";
import { schema } from "../../worker/db/client";
import { eq, inArray } from "drizzle-orm";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });

async function testRun(cookie: string, workflowId: string, deal = sampleDeal(), version?: number) {
  const r = await call(`/api/workflows/${workflowId}/test`, { cookie, body: { deal, ...(version ? { version } : {}) } });
  expect(r.status, r.text).toBe(201);
  return r.json.runId as string;
}

/** A two-node workflow and the input a caller hands its run object to start a live run directly. */
async function directStart(cookie: string, idChar: string, workflowName: string, objectId: string) {
  const wf = await createWorkflow(cookie, { nodes: [trigger, node("done", "end", {})], edges: [edge("t", "done")] });
  const w = await call(`/api/workflows/${wf}`, { cookie });
  const input = {
    runId: "run_" + idChar.repeat(32),
    workflowId: wf,
    workflowName,
    version: null,
    mode: "live" as const,
    definition: w.json.draft,
    trigger: null,
    deal: sampleDeal(),
    subject: { connector: "hubspot", objectId, name: "Brightline" },
  };
  return { wf, input };
}

describe("run object", () => {
  it("runs a graph to completion and journals each step with timings", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, {
      nodes: [
        trigger,
        node("big", "logic.condition", { combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] }),
        node("tagE", "action.set_data", { values: { "onboarding.tier": "enterprise" } }),
        node("tagS", "action.set_data", { values: { "onboarding.tier": "standard", "onboarding.company": "{{deal.company.name}}" } }),
        node("acc", "action.create_account", {}),
        node("done", "end", {}),
      ],
      edges: [edge("t", "big"), edge("big", "tagE", "true"), edge("big", "tagS", "false"), edge("tagE", "acc"), edge("tagS", "acc"), edge("acc", "done")],
    });
    const runId = await testRun(cookie, wf);
    const run = await drive(cookie, runId);
    expect(run.status).toBe("completed");
    expect(run.mode).toBe("test");
    expect(run.steps.map((s: any) => s.nodeId)).toEqual(["t", "big", "tagS", "acc", "done"]);
    expect(run.steps.find((s: any) => s.nodeId === "big").port).toBe("false");
    for (const s of run.steps) {
      expect(s.status).toBe("completed");
      expect(s.attempts).toBe(1);
      expect(typeof s.startedAt).toBe("string");
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(run.data.onboarding).toEqual({ tier: "standard", company: "Brightline Analytics" });
    expect(run.data.account.name).toBe("Brightline Analytics");
    // The account is a flagged test account.
    const accounts = await db().select().from(schema.accounts);
    expect(accounts).toHaveLength(1);
    expect(accounts[0].mode).toBe("test");
    // And the D1 index mirrors the object.
    const idx = await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get();
    expect(idx).toMatchObject({ status: "completed", mode: "test", workflowId: wf, subjectName: "Brightline Analytics" });
    expect(idx!.currentNodeIds).toEqual([]);
  });

  it("refuses a test event that names no CRM record, and takes a HubSpot batch as HubSpot sends it", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, { nodes: [trigger, node("done", "end", {})], edges: [edge("t", "done")] });
    // A normalised deal pasted as a raw event: it names no deal, so the run would start with none.
    const wrong = await call(`/api/workflows/${wf}/test`, { cookie, body: { event: sampleDeal() } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: "validation_failed", details: [{ path: "event", message: expect.stringContaining("not a HubSpot webhook event") }] });
    const batch = [{ eventId: 1, subscriptionType: "deal.propertyChange", objectId: 24587310912, propertyName: "dealstage", propertyValue: "closedwon" }];
    const ok = await call(`/api/workflows/${wf}/test`, { cookie, body: { event: batch } });
    expect(ok.status, ok.text).toBe(201);
  });

  it("keeps one account per CRM record and links it to every run that touched it", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, { nodes: [trigger, node("acc", "action.create_account", {}), node("done", "end", {})], edges: [edge("t", "acc"), edge("acc", "done")] });
    const first = await testRun(cookie, wf, sampleDeal({ objectId: "55500001" }));
    const second = await testRun(cookie, wf, sampleDeal({ objectId: "55500001", name: "Brightline Analytics - renewal", company: { ...sampleDeal().company, name: "Brightline Analytics Inc." } }));
    const otherRecord = await testRun(cookie, wf, sampleDeal({ objectId: "55500002", company: { ...sampleDeal().company, name: "Walk-in Co" } }));
    for (const id of [first, second, otherRecord]) expect((await drive(cookie, id)).status).toBe("completed");

    const accounts = await db().select().from(schema.accounts).where(inArray(schema.accounts.sourceObjectId, ["55500001", "55500002"]));
    expect(accounts).toHaveLength(2);
    const fromRecord = accounts.find((a) => a.sourceObjectId === "55500001")!;
    expect(fromRecord.name).toBe("Brightline Analytics Inc."); // the later run's data updates the same account
    const detail = await call(`/api/accounts/${fromRecord.id}`, { cookie });
    expect(detail.json.runs.map((r: { id: string }) => r.id).sort()).toEqual([first, second].sort());
    const other = accounts.find((a) => a.id !== fromRecord.id)!;
    expect((await call(`/api/accounts/${other.id}`, { cookie })).json.runs.map((r: { id: string }) => r.id)).toEqual([otherRecord]);
  });

  it("assigns from a pool by its members' live load in D1, skipping a CSM at capacity", async () => {
    const { cookie } = await signedIn();
    const [full, free, busy] = await Promise.all(["Full Csm", "Free Csm", "Busy Csm"].map((name) => makeUser({ role: "csm", name })));
    const poolId = newId("pool_");
    await db().insert(schema.pools).values({ id: poolId, name: "Load pool", createdAt: iso(), updatedAt: iso() });
    await db().insert(schema.poolMembers).values([
      { poolId, userId: full.id, weight: 1, capacity: 1 },
      { poolId, userId: free.id, weight: 1, capacity: 5 },
      { poolId, userId: busy.id, weight: 1, capacity: 5 },
    ]);
    // Full owns one live account (at capacity); Free owns only test accounts, which do not count; Busy owns one.
    const owned = (csmId: string, mode: "live" | "test", n: number) => ({ id: newId("acc_"), mode, name: `Owned ${n}`, sourceConnector: "hubspot", sourceObjectId: `owned-${n}`, csmId, createdAt: iso(), updatedAt: iso() });
    await db().insert(schema.accounts).values([owned(full.id, "live", 1), owned(free.id, "test", 2), owned(free.id, "test", 3), owned(busy.id, "live", 4)]);
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("acc", "action.create_account", {}), node("pick", "action.assign_csm", { poolId, strategy: "least_loaded" }), node("done", "end", {}), node("nobody", "end", {})],
      edges: [edge("t", "acc"), edge("acc", "pick"), edge("pick", "done", "out"), edge("pick", "nobody", "none")],
    });
    const run = await drive(cookie, await testRun(cookie, wf));
    expect(run.status).toBe("completed");
    const pick = run.steps.find((s: any) => s.nodeId === "pick");
    expect(pick.output).toMatchObject({ poolName: "Load pool", csmId: free.id, accountUpdated: true });
    expect(run.data.csm).toEqual({ id: free.id, name: "Free Csm", email: free.email });
    expect((await db().select().from(schema.accounts).where(eq(schema.accounts.id, run.data.account.id)).get())?.csmId).toBe(free.id);
  });

  it("the CSM and the dated plan a run gives its account reach D1 from the run's outbox, in the batch with its index row", async () => {
    const { cookie } = await signedIn();
    const csm = await makeUser({ role: "csm", name: "Plan Csm" });
    const poolId = newId("pool_");
    await db().insert(schema.pools).values({ id: poolId, name: "Plan pool", createdAt: iso(), updatedAt: iso() });
    await db().insert(schema.poolMembers).values({ poolId, userId: csm.id, weight: 1, capacity: 10 });
    const templateId = newId("tpl_");
    const milestones = [{ name: "Kick-off", offsetDays: 3, tasks: [{ title: "Intro call", owner: "csm" as const, offsetDays: 2 }] }];
    await db().insert(schema.templates).values({ id: templateId, name: "Plan template", milestones, createdAt: iso(), updatedAt: iso() });
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("acc", "action.create_account", {}), node("pick", "action.assign_csm", { poolId, strategy: "round_robin" }), node("plan", "action.apply_template", { templateId }), node("done", "end", {}), node("nobody", "end", {})],
      edges: [edge("t", "acc"), edge("acc", "pick"), edge("pick", "plan", "out"), edge("pick", "nobody", "none"), edge("plan", "done")],
    });
    const outboxRows = (runId: string) => runInDurableObject(stubOf(runId), (_: unknown, state: DurableObjectState) => state.storage.sql.exec("SELECT count(*) AS n FROM outbox").one().n);
    // With the runs index away, the run's settle batch fails as a whole: the account's CSM and plan
    // must then still be waiting in the outbox, not already in D1 (they ride with the index row).
    await env.DB.exec("ALTER TABLE runs RENAME TO runs_away");
    let runId: string;
    let accountId: string;
    try {
      // A record of its own: the sample deal's account is shared with the other tests' runs.
      runId = await testRun(cookie, wf, { ...sampleDeal(), objectId: newId("deal_") });
      await kicked(runId);
      const snap: any = await stubOf(runId).snapshot();
      expect(snap.status).toBe("completed");
      accountId = snap.data.account.id;
      expect(await db().select({ csmId: schema.accounts.csmId, templateId: schema.accounts.templateId }).from(schema.accounts).where(eq(schema.accounts.id, accountId)).get()).toEqual({ csmId: null, templateId: null });
      expect(await outboxRows(runId)).toBeGreaterThanOrEqual(3);
    } finally {
      await env.DB.exec("ALTER TABLE runs_away RENAME TO runs");
    }
    await fire(runId);
    const run = await drive(cookie, runId);
    expect(run.status).toBe("completed");
    const account = await db().select().from(schema.accounts).where(eq(schema.accounts.id, accountId)).get();
    expect(account).toMatchObject({ csmId: csm.id, templateId, startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(account!.csmReason).toContain("Plan Csm");
    expect(account!.plan).toEqual([expect.objectContaining({ milestone: "Kick-off", tasks: [expect.objectContaining({ title: "Intro call" })] })]);
    expect(account!.templateSnapshot).toMatchObject({ id: templateId, name: "Plan template" });
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get()).toMatchObject({ status: "completed" });
    // Nothing is left waiting in the run's outbox.
    expect(await outboxRows(runId)).toBe(0);
  });

  it("a duplicate start by the same name creates nothing", async () => {
    const { cookie } = await signedIn();
    const { wf, input } = await directStart(cookie, "a", "x", "1");
    expect(await stubOf(input.runId).start(input)).toEqual({ runId: input.runId, created: true });
    expect(await stubOf(input.runId).start(input)).toEqual({ runId: input.runId, created: false });
    // The index row goes out when the start kick settles.
    await kicked(input.runId);
    const rows = await db().select().from(schema.runs).where(eq(schema.runs.workflowId, wf));
    expect(rows).toHaveLength(1);
  });

  it("a start whose caller writes the index row hands that row back, and only when it created the run", async () => {
    const { cookie } = await signedIn();
    const { wf, input } = await directStart(cookie, "b", "Indexed by caller", "2");
    const first = await stubOf(input.runId).start(input, { indexByCaller: true });
    expect(first).toEqual({
      runId: input.runId,
      created: true,
      summary: expect.objectContaining({ id: input.runId, workflowId: wf, workflowName: "Indexed by caller", mode: "live", status: "running", seq: 1, subject: { connector: "hubspot", objectId: "2", name: "Brightline Analytics" } }),
    });
    expect(await stubOf(input.runId).start(input, { indexByCaller: true })).toEqual({ runId: input.runId, created: false });
    // The object still mirrors the run itself with its first step, in case the caller's write is lost.
    expect((await drive(cookie, input.runId)).status).toBe("completed");
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, input.runId)).get()).toMatchObject({ status: "completed", workflowId: wf });
  });

  it("retries a failing action on alarms with growing delays, then fails the run; retry resumes at that step without repeating earlier side effects", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, {
      nodes: [
        trigger,
        node("mail", "action.send_email", { to: "{{deal.primaryContact.email}}", subject: "Welcome {{deal.company.name}}", body: "Hello **{{deal.primaryContact.name}}**" }),
        node("acc", "action.create_account", { maxAttempts: 3 }),
        node("done", "end", {}),
      ],
      edges: [edge("t", "mail"), edge("mail", "acc"), edge("acc", "done")],
    });
    // A real D1 failure: the accounts table is gone while the run executes.
    await env.DB.exec("ALTER TABLE accounts RENAME TO accounts_away");
    try {
      const runId = await testRun(cookie, wf);
      await kicked(runId); // trigger, mail, acc attempt 1
      let run = await getRun(cookie, runId);
      expect(run.status).toBe("running");
      const delays: number[] = [];
      for (let i = 0; i < 5 && run.status === "running"; i++) {
        const timer = run.timers.find((t: any) => t.kind === "retry");
        expect(timer, JSON.stringify(run)).toBeTruthy();
        delays.push(Date.parse(timer.at) - Date.parse(run.steps.at(-1).endedAt ?? run.steps.at(-1).startedAt));
        await fire(runId);
        run = await getRun(cookie, runId);
      }
      expect(run.status).toBe("failed");
      // Backoff grows: each scheduled retry waits longer than the one before (1 s, then 2 s). A
      // retry alarm may also fire on its own on a slow machine, so only the observed ones count.
      expect(delays.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
      const retryGaps = run.steps.filter((s: any) => s.nodeId === "acc").map((s: any) => Date.parse(s.startedAt));
      expect(retryGaps).toHaveLength(3);
      const acc = run.steps.filter((s: any) => s.nodeId === "acc");
      expect(acc.at(-1).status).toBe("failed");
      expect(acc.at(-1).attempts).toBe(3);
      expect(run.error.nodeId).toBe("acc");
      const idx = await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get();
      expect(idx!.status).toBe("failed");

      await env.DB.exec("ALTER TABLE accounts_away RENAME TO accounts");
      const retried = await call(`/api/runs/${runId}/retry`, { cookie, method: "POST" });
      expect(retried.status, retried.text).toBe(200);
      run = await drive(cookie, runId);
      expect(run.status).toBe("completed");
      // The e-mail before the failed step was sent once, never again.
      expect(run.steps.filter((s: any) => s.nodeId === "mail")).toHaveLength(1);
      const mails = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
      expect(mails).toHaveLength(1);
      expect(mails[0].html).toContain("<strong>Maya Okafor</strong>");
      // Retrying a run that is not failed is a conflict.
      expect((await call(`/api/runs/${runId}/retry`, { cookie, method: "POST" })).status).toBe(409);
    } finally {
      await env.DB.exec("ALTER TABLE accounts_away RENAME TO accounts").catch(() => undefined);
    }
  });

  it("a delay parks the run until its alarm fires; cancel ends a paused run", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("wait", "logic.delay", { minutes: 60 }), node("done", "end", {})],
      edges: [edge("t", "wait"), edge("wait", "done")],
    });
    const runId = await testRun(cookie, wf);
    let run = await drive(cookie, runId);
    expect(run.status).toBe("paused");
    expect(run.currentNodeIds).toEqual(["wait"]);
    // The list names the step as the builder does (its type's label when it has no name of its own).
    const listed = await call(`/api/runs?mode=test&workflowId=${wf}`, { cookie });
    expect(listed.json.items.find((r: { id: string }) => r.id === runId)).toMatchObject({ status: "paused", currentNodeIds: ["wait"], currentStep: "Delay" });
    const timer = run.timers.find((t: any) => t.kind === "delay");
    expect(Date.parse(timer.at) - Date.now()).toBeGreaterThan(59 * 60_000);
    await fire(runId);
    run = await getRun(cookie, runId);
    expect(run.status).toBe("completed");

    const second = await testRun(cookie, wf, sampleDeal({ objectId: "2" }));
    run = await drive(cookie, second);
    expect(run.status).toBe("paused");
    const cancelled = await call(`/api/runs/${second}/cancel`, { cookie, method: "POST" });
    expect(cancelled.status).toBe(200);
    run = await getRun(cookie, second);
    expect(run.status).toBe("cancelled");
    expect(run.timers).toEqual([]);
    expect((await call(`/api/runs/${second}/cancel`, { cookie, method: "POST" })).status).toBe(409);
  });

  it("a run keeps its pinned version when a new version is published mid-run", async () => {
    const { cookie } = await signedIn();
    const v1 = {
      nodes: [trigger, node("wait", "logic.delay", { minutes: 5 }), node("a", "action.set_data", { values: { path: "v1" } }), node("done", "end", {})],
      edges: [edge("t", "wait"), edge("wait", "a"), edge("a", "done")],
    };
    const wf = await createWorkflow(cookie, v1);
    expect((await call(`/api/workflows/${wf}/publish`, { cookie, method: "POST" })).status).toBe(201);
    const runId = await testRun(cookie, wf, sampleDeal(), 1);
    expect((await drive(cookie, runId)).status).toBe("paused");
    // Publishing again with nothing changed makes no second, identical version.
    const again = await call(`/api/workflows/${wf}/publish`, { cookie, method: "POST" });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "no_changes", message: "Nothing to publish: the draft is the same as version 1." });
    const v2 = structuredClone(v1);
    v2.nodes[2].config = { values: { path: "v2" } };
    expect((await call(`/api/workflows/${wf}`, { cookie, method: "PUT", body: { draft: v2 } })).status).toBe(200);
    expect((await call(`/api/workflows/${wf}/publish`, { cookie, method: "POST" })).json.version).toBe(2);
    await fire(runId);
    const run = await getRun(cookie, runId);
    expect(run.status).toBe("completed");
    expect(run.version).toBe(1);
    expect(run.data.path).toBe("v1");
  });

  it("the D1 index catches up after D1 rejected the mirror write", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, { nodes: [trigger, node("done", "end", {})], edges: [edge("t", "done")] });
    await env.DB.exec("ALTER TABLE runs RENAME TO runs_away");
    let runId: string;
    try {
      runId = await testRun(cookie, wf);
      await kicked(runId); // runs the graph; the mirror fails again
      const snap: any = await stubOf(runId).snapshot();
      expect(snap!.status).toBe("completed");
      expect(snap!.timers.map((t: any) => t.kind)).toContain("mirror");
    } finally {
      await env.DB.exec("ALTER TABLE runs_away RENAME TO runs");
    }
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId!))).toHaveLength(0);
    await fire(runId!);
    const idx = await db().select().from(schema.runs).where(eq(schema.runs.id, runId!)).get();
    expect(idx).toMatchObject({ status: "completed", workflowId: wf });
  });
});

describe("live run updates", () => {
  it("pushes the run over a WebSocket as it changes, to admins only", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("wait", "logic.delay", { minutes: 30 }), node("done", "end", {})],
      edges: [edge("t", "wait"), edge("wait", "done")],
    });
    const runId = await testRun(cookie, wf);
    await drive(cookie, runId);
    const { exports } = await import("cloudflare:workers");
    const res = await (exports as any).default.fetch(new Request(`http://app.test/api/runs/${runId}/live`, { headers: { upgrade: "websocket", cookie } }));
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: any[] = [];
    let onCompleted: () => void = () => undefined;
    const completed = new Promise<void>((resolve) => (onCompleted = resolve));
    ws.accept();
    ws.addEventListener("message", (e: MessageEvent) => {
      const m = JSON.parse(e.data as string);
      messages.push(m);
      if (m.run?.status === "completed") onCompleted();
    });
    await fire(runId); // the delay ends, the run completes and is pushed
    await completed;
    ws.close();
    expect(messages[0]).toMatchObject({ type: "run", run: { id: runId, status: "paused" } });
    expect(messages.at(-1)).toMatchObject({ type: "run", run: { status: "completed" } });

    const csm = await signedIn("csm");
    const denied = await (exports as any).default.fetch(new Request(`http://app.test/api/runs/${runId}/live`, { headers: { upgrade: "websocket", cookie: csm.cookie } }));
    expect(denied.status).toBe(403);
  });
});
