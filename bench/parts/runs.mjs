// Runs part: 500 test runs of an automatic 12-node workflow (two conditions, three set-data steps,
// create account, assign CSM, apply template, e-mail to the outbox, two ends), started through
// `POST /api/workflows/:id/test` with a deal. Measures runs/s to completion and the engine's
// per-step overhead from the journal's own timings (gap between a step's end and the next start).
import { listAll, median, percentile, pool, round, signIn, sleep } from "../lib/http.mjs";

export const RUNS = 500;

export function twelveNodeDefinition({ connectorId, poolId, templateId }) {
  const n = (id, type, config, x, y, name) => ({ id, type, name: name ?? id, position: { x: x * 260, y: y * 140 }, config });
  const e = (source, target, sourcePort) => ({ id: `${source}-${sourcePort ?? "out"}-${target}`, source, target, ...(sourcePort ? { sourcePort } : {}) });
  return {
    nodes: [
      n("trigger", "trigger.hubspot", { connectorId, stageIds: ["closedwon"] }, 0, 0, "Deal won"),
      n("is_big", "logic.condition", { combine: "all", rules: [{ field: "deal.amount", op: "gte", value: 50000 }] }, 1, 0, "Big deal?"),
      n("tier_ent", "action.set_data", { values: { tier: "enterprise" } }, 2, -1, "Tier: enterprise"),
      n("tier_std", "action.set_data", { values: { tier: "standard" } }, 2, 1, "Tier: standard"),
      n("account", "action.create_account", {}, 3, 0, "Create account"),
      n("has_contact", "logic.condition", { combine: "all", rules: [{ field: "deal.primaryContact.email", op: "exists" }] }, 4, 0, "Has a contact?"),
      n("assign", "action.assign_csm", { poolId, strategy: "round_robin" }, 5, 0, "Assign CSM"),
      n("template", "action.apply_template", { templateId }, 6, 0, "Apply template"),
      n("link", "action.set_data", { values: { "onboarding.link": "https://app.example.com/accounts/{{account.id}}", "onboarding.owner": "{{csm.name}}" } }, 7, 0, "Onboarding link"),
      n("welcome", "action.send_email", { to: "{{deal.primaryContact.email}}", subject: "Welcome, {{account.name}}", body: "Hi {{deal.primaryContact.name}}, I am {{csm.name}} ({{tier}}). Start here: {{onboarding.link}}" }, 8, 0, "Welcome e-mail"),
      n("done", "end", { outcome: "completed" }, 9, 0, "Done"),
      n("stop", "end", { outcome: "failed", reason: "No contact or no CSM available" }, 9, 1, "Stop"),
    ],
    edges: [
      e("trigger", "is_big"),
      e("is_big", "tier_ent", "true"),
      e("is_big", "tier_std", "false"),
      e("tier_ent", "account"),
      e("tier_std", "account"),
      e("account", "has_contact"),
      e("has_contact", "assign", "true"),
      e("has_contact", "stop", "false"),
      e("assign", "template", "out"),
      e("assign", "stop", "none"),
      e("template", "link"),
      e("link", "welcome"),
      e("welcome", "done"),
    ],
  };
}

export const benchDeal = (i) => ({
  source: "hubspot",
  objectId: String(40_000_000_000 + i),
  name: `Bench Co ${i} - Growth`,
  amount: i % 2 ? 48_000 : 126_000,
  arr: i % 2 ? 48_000 : 126_000,
  currency: "USD",
  stage: "closedwon",
  company: { name: `Bench Co ${i}`, domain: `bench-${i}.example.com`, industry: "Software", employees: 240, country: "US", region: "NA-West" },
  primaryContact: { name: `Contact ${i}`, email: `contact-${i}@bench-${i}.example.com` },
  owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
});

/** Creates the 12-node workflow (a valid draft: test runs run drafts) and returns its id. */
export async function createTwelveNodeWorkflow(admin, seeded) {
  const connectors = await admin.must("GET", "/api/connectors");
  const hub = connectors.items.find((c) => c.kind === "hubspot");
  const def = twelveNodeDefinition({ connectorId: hub.id, poolId: seeded.pools.general, templateId: seeded.templates.standard });
  const wf = await admin.must("POST", "/api/workflows", { name: "Bench: 12-node automatic", definition: def }, 201);
  const id = wf.id ?? wf.workflow?.id;
  const v = await admin.must("GET", `/api/workflows/${id}/validate`);
  if (!v.valid) throw new Error("the 12-node workflow does not validate: " + JSON.stringify(v.errors));
  return id;
}

/** The engine overhead of one run: gaps between consecutive steps of its journal. */
export function stepGaps(steps) {
  const gaps = [];
  for (let i = 1; i < steps.length; i++) {
    const prevEnd = Date.parse(steps[i - 1].endedAt ?? "");
    const start = Date.parse(steps[i].startedAt);
    if (Number.isFinite(prevEnd) && Number.isFinite(start)) gaps.push(start - prevEnd);
  }
  return gaps;
}

/**
 * Starts up to `runs` test runs (16 at a time) for at most `startMs`, waits for them to finish
 * until `deadlineMs`, then reads the journals of up to `journals` of them. Runs/s is measured on
 * the server's own clock (first start to last end of the finished runs).
 */
export async function measureRuns(product, { runs = RUNS, concurrency = 16, startMs = 35_000, deadlineMs = 52_000, journals = 150 } = {}) {
  const admin = await signIn(product.url, "admin@example.com");
  const workflowId = await createTwelveNodeWorkflow(admin, product.seeded);
  // One warm-up run, not counted.
  await admin.must("POST", `/api/workflows/${workflowId}/test`, { deal: benchDeal(-1) }, 201);
  await sleep(1000);
  const cpu0 = product.cpu();
  const t0 = Date.now();
  const ids = await pool(runs, concurrency, async (i) => {
    if (Date.now() - t0 > startMs) return null;
    const r = await admin.post(`/api/workflows/${workflowId}/test`, { deal: benchDeal(i) });
    return r.status === 201 ? r.json.runId : null;
  });
  const started = ids.filter(Boolean);
  const startPhaseMs = Date.now() - t0;
  const mine = new Set(started);
  let finished = [];
  while (Date.now() - t0 < deadlineMs) {
    const list = await listAll(admin, `/api/runs?workflowId=${workflowId}&mode=test`);
    finished = list.filter((r) => mine.has(r.id) && (r.status === "completed" || r.status === "failed" || r.status === "cancelled"));
    if (finished.length >= started.length) break;
    await sleep(1000);
  }
  const wallMs = Date.now() - t0;
  const cpu1 = product.cpu();
  const firstStart = Math.min(...finished.map((r) => Date.parse(r.startedAt)));
  const lastEnd = Math.max(...finished.map((r) => Date.parse(r.endedAt)));
  const serverMs = lastEnd - firstStart;
  // The journals: each step's startedAt/endedAt, to read the engine's own timings.
  const gaps = [];
  const engineOverhead = [];
  const stepMs = [];
  const stepsPerRun = [];
  const sample = finished.slice(0, journals);
  await pool(sample.length, 8, async (i) => {
    const r = await admin.get(`/api/runs/${sample[i].id}`);
    if (r.status !== 200) return;
    gaps.push(...stepGaps(r.json.steps));
    stepsPerRun.push(r.json.steps.length);
    for (const s of r.json.steps) {
      if (s.durationMs != null) stepMs.push(s.durationMs);
      if (typeof s.overheadMs === "number") engineOverhead.push(s.overheadMs);
    }
  });
  const n = finished.length || 1;
  return {
    workflowId,
    runsRequested: runs,
    runsStarted: started.length,
    runsFinished: finished.length,
    runsCompleted: finished.filter((r) => r.status === "completed").length,
    startPhaseMs,
    wallMs,
    serverMs,
    perSec: finished.length ? round((finished.length / serverMs) * 1000, 1) : 0,
    perSecWall: round((finished.length / wallMs) * 1000, 1),
    cpuMsPerRun: { worker: round((cpu1.worker - cpu0.worker) / n), wranglerDevTotal: round((cpu1.total - cpu0.total) / n) },
    stepsPerRunMedian: median(stepsPerRun),
    stepOverheadMedianMs: median(gaps),
    stepOverheadP95Ms: percentile(gaps, 95),
    stepOverheadEngineMedianMs: engineOverhead.length ? round(median(engineOverhead), 2) : null,
    stepDurationMedianMs: median(stepMs),
    journalsRead: stepsPerRun.length,
    gapsMeasured: gaps.length,
  };
}
