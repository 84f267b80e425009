// The ingest load generator, in its own thread so the fake CRMs in the main thread do not delay
// it: alternating time slices against the product and the floor, `concurrency` requests in flight,
// one signed HubSpot event per request, a share of them repeats of events already sent.
import { parentPort, workerData } from "node:worker_threads";
import { closedWonBody, signedHeaders } from "./hubspot.mjs";
import { rng } from "./http.mjs";

const { slices, concurrency, repeatRate, seed, targets } = workerData;
const r = rng(seed);
const state = Object.fromEntries(
  Object.entries(targets).map(([name, t]) => [name, { ...t, next: t.firstObjectId, sent: [], latencies: [], statuses: {}, outcomes: {}, activeMs: 0, requests: 0, acked: new Set(), errors: [] }]),
);

async function one(s) {
  let body;
  let objectId;
  if (s.sent.length && r() < repeatRate) {
    ({ body, objectId } = s.sent[r.int(s.sent.length)]);
  } else {
    objectId = s.next++;
    body = closedWonBody(objectId, Date.now() - 1000);
    s.sent.push({ body, objectId });
  }
  const t0 = performance.now();
  try {
    const res = await fetch(s.url, { method: "POST", headers: signedHeaders(s.url, body, s.secret), body });
    const text = await res.text();
    s.latencies.push(performance.now() - t0);
    s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;
    if (res.status === 200) {
      s.acked.add(objectId);
      if (s.parseOutcome) {
        try {
          for (const ev of JSON.parse(text).events ?? []) s.outcomes[ev.outcome] = (s.outcomes[ev.outcome] ?? 0) + 1;
        } catch {
          /* counted by status */
        }
      }
    } else if (s.errors.length < 5) s.errors.push(`${res.status} ${text.slice(0, 200)}`);
  } catch (e) {
    s.statuses.network = (s.statuses.network ?? 0) + 1;
    if (s.errors.length < 5) s.errors.push(String(e?.cause?.message ?? e?.message ?? e));
  }
  s.requests++;
}

for (const slice of slices) {
  const s = state[slice.target];
  const t0 = performance.now();
  const end = t0 + slice.ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await one(s);
    }),
  );
  s.activeMs += performance.now() - t0;
}

parentPort.postMessage(
  Object.fromEntries(
    Object.entries(state).map(([name, s]) => [
      name,
      {
        requests: s.requests,
        activeMs: s.activeMs,
        latencies: s.latencies,
        statuses: s.statuses,
        outcomes: s.outcomes,
        distinctSent: new Set(s.sent.map((x) => x.objectId)).size,
        ackedObjectIds: [...s.acked],
        errors: s.errors,
      },
    ]),
  ),
);
