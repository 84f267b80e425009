// Ingest part: signed HubSpot deliveries (one event each, 20% repeats) at concurrency 16 for 15 s
// against the active demo HubSpot workflow, interleaved slice by slice with the same load against
// the floor (bench/baseline) and, when given, the floor plus the workflow's own I/O (a yardstick).
// Afterwards: runs of the workflow == distinct events acknowledged.
import { Worker } from "node:worker_threads";
import { createFakeDeals, DEMO_HUBSPOT_SECRET, DEMO_HUBSPOT_TOKEN } from "../lib/hubspot.mjs";
import { listAll, percentile, round, signIn, sleep } from "../lib/http.mjs";

export const INGEST = { concurrency: 16, seconds: 15, repeatRate: 0.2, slices: 6 };
const FIRST_PRODUCT_ID = 51_000_000_000;
const FIRST_FLOOR_ID = 52_000_000_000;
const FIRST_IO_FLOOR_ID = 55_000_000_000;
/** The floor with the workflow's I/O gets fewer seconds than the two measured against each other, to keep the part under a minute. */
const IO_FLOOR_SHARE = 2 / 3;

function runLoad(workerData) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("../lib/load-worker.mjs", import.meta.url), { workerData });
    w.once("message", resolve);
    w.once("error", reject);
    w.once("exit", (code) => code !== 0 && reject(new Error(`load worker exited ${code}`)));
  });
}

/** The part of a request's CPU spent in wrangler dev's own processes rather than in the Worker. */
const share = (c) => (c.wranglerDevTotal > 0 ? round((c.inspectorProxy + c.wranglerNode) / c.wranglerDevTotal, 2) : null);

function summarise(s) {
  const seconds = s.activeMs / 1000;
  return {
    requests: s.requests,
    seconds: round(seconds, 2),
    requestsPerSec: round(s.requests / seconds, 1),
    p50Ms: round(percentile(s.latencies, 50)),
    p99Ms: round(percentile(s.latencies, 99)),
    statuses: s.statuses,
    outcomes: s.outcomes,
    distinctEvents: s.distinctSent,
    errors: s.errors,
  };
}

/**
 * The same deliveries against a workflow that only starts and ends (trigger → End) on a connector of
 * its own: what the receiver and the run's object cost without the seeded workflow's work (CRM
 * reads, account, routing, queue item). Not a goal, a decomposition of the gap to the floor.
 */
export async function minimalIngestTarget(product) {
  const admin = await signIn(product.url, "admin@example.com");
  const con = await admin.must("POST", "/api/connectors", { kind: "hubspot", name: "Bench: start and end", credentials: { accessToken: DEMO_HUBSPOT_TOKEN, clientSecret: DEMO_HUBSPOT_SECRET, apiBaseUrl: product.fakeCrms.hubspot } }, 201);
  const definition = {
    nodes: [
      { id: "trigger", type: "trigger.hubspot", name: "Deal won", position: { x: 0, y: 0 }, config: { connectorId: con.id, stageIds: ["closedwon"] } },
      { id: "done", type: "end", name: "Done", position: { x: 0, y: 160 }, config: { outcome: "completed" } },
    ],
    edges: [{ id: "trigger-done", source: "trigger", target: "done" }],
  };
  const wf = await admin.must("POST", "/api/workflows", { name: "Bench: start and end", definition }, 201);
  const workflowId = wf.id ?? wf.workflow?.id;
  await admin.must("POST", `/api/workflows/${workflowId}/publish`, {}, 201);
  await admin.must("POST", `/api/workflows/${workflowId}/status`, { status: "active" }, 200);
  const url = new URL(product.hubspotWebhookUrl);
  url.pathname = url.pathname.replace(/[^/]+$/, con.id);
  // Fresh ids on both sides: the floor's objects must be new ones too.
  return { workflowId, webhookUrl: url.toString(), firstObjectId: 53_000_000_000, floorFirstObjectId: 54_000_000_000 };
}

/**
 * `ioFloor`: a second baseline (its own `wrangler dev`, so its CPU is its own) whose `floor-io`
 * route is a third target, interleaved with the other two: the floor plus the seeded workflow's
 * I/O (bench/baseline/worker.js), what a hand-written Worker doing only that would get.
 */
export async function measureIngest(product, floor, { concurrency = INGEST.concurrency, seconds = INGEST.seconds, repeatRate = INGEST.repeatRate, slices = INGEST.slices, target, ioFloor = null } = {}) {
  const withIoFloor = ioFloor !== null;
  const admin = await signIn(product.url, "admin@example.com");
  const workflowId = target?.workflowId ?? product.seeded.workflows["hubspot-closed-won"];
  const webhookUrl = target?.webhookUrl ?? product.hubspotWebhookUrl;
  const firstId = target?.firstObjectId ?? FIRST_PRODUCT_ID;
  const floorFirstId = target?.floorFirstObjectId ?? FIRST_FLOOR_ID;
  // Deals the runs will fetch: enough for every distinct event the product could take in 15 s.
  const deals = Array.from({ length: 4000 }, (_, i) => firstId + i);
  await createFakeDeals(product.fakeCrms.hubspot, deals);
  if (withIoFloor) await createFakeDeals(product.fakeCrms.hubspot, Array.from({ length: 4000 }, (_, i) => FIRST_IO_FLOOR_ID + i).concat(Array.from({ length: 200 }, (_, i) => FIRST_IO_FLOOR_ID + 900_000 + i)));
  const before = new Set((await listAll(admin, `/api/runs?workflowId=${workflowId}&mode=live`)).map((r) => r.id));
  // Warm both up (JIT, first object creation), then alternate product/floor slices.
  const sliceMs = (seconds * 1000) / slices;
  const plan = [];
  for (let i = 0; i < slices; i++) {
    const round = [{ target: "product", ms: sliceMs }, { target: "floor", ms: sliceMs }];
    if (withIoFloor) round.push({ target: "floorIo", ms: sliceMs * IO_FLOOR_SHARE });
    // Each target goes first in turn, so none always follows the same one.
    plan.push(...round.slice(i % round.length), ...round.slice(0, i % round.length));
  }
  const ioTarget = (firstObjectId) => (withIoFloor ? { floorIo: { url: ioFloor.ioWebhookUrl, secret: DEMO_HUBSPOT_SECRET, firstObjectId } } : {});
  const warm = await runLoad({
    slices: [{ target: "product", ms: 1000 }, { target: "floor", ms: 1000 }, ...(withIoFloor ? [{ target: "floorIo", ms: 1000 }] : [])],
    concurrency: 4,
    repeatRate,
    seed: 1,
    targets: { product: { url: webhookUrl, secret: DEMO_HUBSPOT_SECRET, firstObjectId: firstId + 100_000, parseOutcome: true }, floor: { url: floor.webhookUrl, secret: DEMO_HUBSPOT_SECRET, firstObjectId: floorFirstId + 900_000 }, ...ioTarget(FIRST_IO_FLOOR_ID + 900_000) },
  });
  const warmProductIds = new Set(warm.product.ackedObjectIds.map(String));
  const cpu0 = { product: product.cpu(), floor: floor.cpu(), floorIo: ioFloor?.cpu() };
  const res = await runLoad({
    slices: plan,
    concurrency,
    repeatRate,
    seed: 20,
    targets: { product: { url: webhookUrl, secret: DEMO_HUBSPOT_SECRET, firstObjectId: firstId, parseOutcome: true }, floor: { url: floor.webhookUrl, secret: DEMO_HUBSPOT_SECRET, firstObjectId: floorFirstId }, ...ioTarget(FIRST_IO_FLOOR_ID) },
  });
  const cpu1 = { product: product.cpu(), floor: floor.cpu(), floorIo: ioFloor?.cpu() };
  const p = summarise(res.product);
  const f = summarise(res.floor);
  // CPU per request over the whole window (the product's includes the runs its events started),
  // split by process: the Worker's workerd, wrangler's inspector-proxy workerd and wrangler's Node
  // process. The last two exist only under `wrangler dev`: they relay every inspector event of every
  // subrequest (D1 call, outbound fetch) to a debug log, so their cost follows subrequests per event.
  const perReq = (k, n) => {
    const d = (f) => round((cpu1[k][f] - cpu0[k][f]) / n);
    return { worker: d("worker"), inspectorProxy: d("proxy"), wranglerNode: d("node"), wranglerDevTotal: d("total") };
  };
  p.cpuMsPerRequest = perReq("product", p.requests || 1);
  f.cpuMsPerRequest = perReq("floor", f.requests || 1);
  const io = withIoFloor ? summarise(res.floorIo) : null;
  if (io) io.cpuMsPerRequest = perReq("floorIo", io.requests || 1);
  // Every distinct event the product acknowledged must have exactly one run; repeats none.
  const acked = new Set(res.product.ackedObjectIds.map(String));
  let runs = [];
  const t0 = Date.now();
  for (;;) {
    runs = (await listAll(admin, `/api/runs?workflowId=${workflowId}&mode=live`)).filter((r) => !before.has(r.id) && !warmProductIds.has(String(r.subject?.objectId)));
    if (runs.length >= acked.size || Date.now() - t0 > 20_000) break;
    await sleep(500);
  }
  const runObjects = new Set(runs.map((r) => String(r.subject?.objectId)));
  // The floor-io's alarms must all have done their I/O, or its rate would flatter it.
  let ioDone = null;
  if (io) {
    // One object per distinct event: repeats are answered after the claim, without I/O.
    const expected = res.floorIo.ackedObjectIds.length + warm.floorIo.ackedObjectIds.length;
    for (const t1 = Date.now(); ; await sleep(500)) {
      ioDone = await ioFloor.ioDone();
      if (ioDone >= expected || Date.now() - t1 > 10_000) break;
    }
    io.alarmsDone = ioDone;
    io.alarmsExpected = expected;
  }
  const missing = [...acked].filter((id) => !runObjects.has(id)).length;
  const extra = runs.length - runObjects.size + [...runObjects].filter((id) => !acked.has(id)).length;
  return {
    product: p,
    floor: f,
    requestsPerSec: p.requestsPerSec,
    runsStartedPerSec: round((res.product.outcomes.started ?? 0) / (res.product.activeMs / 1000), 1),
    p50Ms: p.p50Ms,
    p99Ms: p.p99Ms,
    floorRequestsPerSec: f.requestsPerSec,
    floorP50Ms: f.p50Ms,
    floorP99Ms: f.p99Ms,
    ratioToFloor: round(p.requestsPerSec / f.requestsPerSec, 2),
    ...(io
      ? {
          ioFloor: io,
          ioFloorRequestsPerSec: io.requestsPerSec,
          ioFloorP99Ms: io.p99Ms,
          ratioToIoFloor: round(p.requestsPerSec / io.requestsPerSec, 2),
          ioFloorAllDone: io.alarmsDone >= io.alarmsExpected,
        }
      : {}),
    devToolingCpuShare: share(p.cpuMsPerRequest),
    floorDevToolingCpuShare: share(f.cpuMsPerRequest),
    distinctEventsAcked: acked.size,
    runsCreated: runs.length,
    runsMissing: missing,
    runsExtra: extra,
    runsEqualDistinctEvents: runs.length === acked.size && missing === 0 && extra === 0,
  };
}
