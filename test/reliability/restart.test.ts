import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper shared with the benchmark
import { startProduct } from "../../bench/lib/servers.mjs";
import { asAdmin, createWorkflow, edge, hubspotConnectorId, leakedSecrets, listAll, node, rng, sampleDeal, secretValues, size, sleep, DEMO_HUBSPOT_TOKEN, type Client } from "./helpers";

/**
 * Restarts: wrangler dev is stopped (SIGKILL on odd cycles, as a crash; SIGTERM on even ones) and
 * started again on the same persisted state while runs are running (automatic runs just started),
 * paused on a human task, waiting on a delay, and backing off a failing CRM call. After the cycles
 * every run must finish; no journaled step may have run twice (one completed journal row per node,
 * no attempt twice); no e-mail may have been sent twice (one outbox row per run and node).
 */
const CYCLES = size(2, 20);
const EMAIL_NODES: Record<string, string[]> = { auto: ["welcome"], human: ["w1", "w2"], delay: ["d1", "d2"], fail: ["f1"] };

describe("restart", () => {
  let product: any;
  let admin: Client;
  const wf: Record<string, string> = {};
  const runs: { id: string; kind: string }[] = [];
  const r = rng(20);

  beforeAll(async () => {
    product = await startProduct({ logLevel: "info" });
    admin = await asAdmin(product.url);
    const hub = await hubspotConnectorId(admin);
    const poolId = product.seeded.pools.general;
    const templateId = product.seeded.templates.standard;
    const trigger = node("trigger", "trigger.hubspot", { connectorId: hub, stageIds: ["closedwon"] }, 0);
    const mail = (id: string, x: number) => node(id, "action.send_email", { to: "{{deal.primaryContact.email}}", subject: `${id}: {{deal.company.name}}`, body: `Step ${id} for {{deal.company.name}}.` }, x);
    const end = (x: number) => node("done", "end", { outcome: "completed" }, x);
    wf.auto = await createWorkflow(admin, "Reliability: automatic", {
      nodes: [trigger, node("tier", "action.set_data", { values: { tier: "standard" } }, 1), node("account", "action.create_account", {}, 2), node("assign", "action.assign_csm", { poolId, strategy: "round_robin" }, 3), node("template", "action.apply_template", { templateId }, 4), mail("welcome", 5), end(6), node("nobody", "end", { outcome: "failed", reason: "no CSM" }, 6)],
      edges: [edge("trigger", "tier"), edge("tier", "account"), edge("account", "assign"), edge("assign", "template", "out"), edge("assign", "nobody", "none"), edge("template", "welcome"), edge("welcome", "done")],
    });
    wf.human = await createWorkflow(admin, "Reliability: human task", {
      nodes: [trigger, node("account", "action.create_account", {}, 1), mail("w1", 2), node("check", "human.form", { title: "Check {{deal.company.name}}", assignee: { poolId }, fields: [{ key: "note", label: "Note", type: "text", required: true }] }, 3), mail("w2", 4), end(5), node("late", "end", { outcome: "failed", reason: "timed out" }, 5)],
      edges: [edge("trigger", "account"), edge("account", "w1"), edge("w1", "check"), edge("check", "w2", "done"), edge("check", "late", "timeout"), edge("w2", "done")],
    });
    wf.delay = await createWorkflow(admin, "Reliability: delay", {
      nodes: [trigger, mail("d1", 1), node("wait", "logic.delay", { minutes: 0.25 }, 2), mail("d2", 3), end(4)],
      edges: [edge("trigger", "d1"), edge("d1", "wait"), edge("wait", "d2"), edge("d2", "done")],
    });
    wf.fail = await createWorkflow(admin, "Reliability: failing CRM", {
      nodes: [trigger, node("extract", "action.extract_deal", { maxAttempts: 10 }, 1), mail("f1", 2), end(3)],
      edges: [edge("trigger", "extract"), edge("extract", "f1"), edge("f1", "done")],
    });
  }, 300_000);

  afterAll(async () => {
    await product?.stop();
  });

  const start = async (kind: string, i: number) => {
    const body =
      kind === "fail"
        ? { event: [{ eventId: 9000 + i, subscriptionId: 4101, portalId: 48211937, appId: 2471, occurredAt: Date.now(), subscriptionType: "deal.propertyChange", attemptNumber: 0, objectId: 24587310912, propertyName: "dealstage", propertyValue: "closedwon", changeSource: "CRM_UI" }] }
        : { deal: sampleDeal(`restart-${kind}-${i}`) };
    const res = await admin.post(`/api/workflows/${wf[kind]}/test`, body);
    expect(res.status, res.text).toBe(201);
    runs.push({ id: res.json.runId, kind });
  };

  /** Claims and completes open human tasks of the human workflow (at most `max`). */
  const completeTasks = async (max: number) => {
    const open = await admin.must("GET", `/api/queue?mode=test&workflowId=${wf.human}&status=active&limit=200`);
    let done = 0;
    for (const item of open.items) {
      if (done >= max) break;
      if (item.status === "open") await admin.post(`/api/queue/${item.id}/claim`);
      const res = await admin.post(`/api/queue/${item.id}/complete`, { data: { note: "checked" } });
      if (res.status === 200) done++;
    }
    return done;
  };

  it(`${CYCLES} stop/start cycles with runs running, waiting on people, on a delay and backing off → every run finishes, nothing twice`, { timeout: size(900_000, 3_000_000) }, async () => {
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await fetch(`${product.fakeCrms.hubspot}/__fake/fail`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: DEMO_HUBSPOT_TOKEN, status: 500, times: 2, path: "/crm/v3/objects/deals" }) });
      await start("fail", cycle);
      await start("delay", cycle);
      await start("human", cycle);
      await completeTasks(1);
      for (let i = 0; i < size(4, 6); i++) await start("auto", cycle * 10 + i);
      await sleep(r.int(1500));
      await product.restart({ hard: cycle % 2 === 0 });
    }
    // Let everyone finish: the remaining people answer, delays and retries come due.
    const deadline = Date.now() + size(240_000, 600_000);
    let pending: { id: string; kind: string; status: string }[] = [];
    while (Date.now() < deadline) {
      await completeTasks(50);
      const list = await listAll(admin, "/api/runs?mode=test");
      const byId = new Map(list.map((x: { id: string; status: string }) => [x.id, x.status]));
      pending = runs.map((x) => ({ ...x, status: (byId.get(x.id) as string) ?? "missing" })).filter((x) => x.status !== "completed" && x.status !== "failed" && x.status !== "cancelled");
      if (pending.length === 0) break;
      await sleep(2000);
    }
    expect(pending, "runs that never finished").toEqual([]);

    const problems: string[] = [];
    const outbox = await listAll(admin, "/api/outbox?mode=test");
    const mails = new Map<string, number>();
    for (const m of outbox) if (m.runId) mails.set(`${m.runId}/${m.nodeId}`, (mails.get(`${m.runId}/${m.nodeId}`) ?? 0) + 1);
    for (const [k, n] of mails) if (n > 1) problems.push(`e-mail ${k} sent ${n} times`);
    for (const run of runs) {
      const detail = await admin.must("GET", `/api/runs/${run.id}`);
      if (detail.status !== "completed") problems.push(`${run.kind} run ${run.id} ${detail.status}: ${JSON.stringify(detail.error)}`);
      const seen = new Set<string>();
      const completed = new Map<string, number>();
      for (const s of detail.steps) {
        const key = `${s.nodeId}#${s.attempts}`;
        if (seen.has(key)) problems.push(`${run.kind} run ${run.id}: ${s.nodeId} attempt ${s.attempts} journaled twice`);
        seen.add(key);
        if (s.status === "completed") completed.set(s.nodeId, (completed.get(s.nodeId) ?? 0) + 1);
        // A failed attempt waiting for its retry is journaled "running" with its error; once a later
        // attempt of the node exists it is history. A "running" row that is the node's last is not.
        const later = detail.steps.some((t: { nodeId: string; attempts: number }) => t.nodeId === s.nodeId && t.attempts > s.attempts);
        if (s.status === "running" && !(s.error && later)) problems.push(`${run.kind} run ${run.id}: ${s.nodeId} attempt ${s.attempts} still running`);
      }
      for (const [nodeId, n] of completed) if (n > 1) problems.push(`${run.kind} run ${run.id}: ${nodeId} completed ${n} times`);
      for (const nodeId of EMAIL_NODES[run.kind]) {
        const n = mails.get(`${run.id}/${nodeId}`) ?? 0;
        if (n !== 1) problems.push(`${run.kind} run ${run.id}: e-mail ${nodeId} sent ${n} times`);
      }
    }
    const accounts = await listAll(admin, "/api/accounts?mode=test");
    const bySource = new Map<string, number>();
    for (const a of accounts) bySource.set(`${a.source?.connector}/${a.source?.objectId}`, (bySource.get(`${a.source?.connector}/${a.source?.objectId}`) ?? 0) + 1);
    for (const [k, n] of bySource) if (n > 1) problems.push(`${n} accounts for ${k}`);
    expect(problems).toEqual([]);
    expect(runs.filter((x) => x.kind === "fail").length).toBe(CYCLES);
    expect(leakedSecrets(product.log(), secretValues(product.secrets)), "secrets in wrangler's log").toEqual([]);
  });
});
