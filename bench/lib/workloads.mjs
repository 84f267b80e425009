// The workloads bench/profile.mjs and bench/subrequests.mjs drive against a started product:
// "runs" (12-node test runs until all ended) or "ingest" / "minimal" (signed closed-won deliveries
// to the seeded workflow or to a trigger → End one). Set up before it is returned, so a caller
// can start recording just before calling it.
import { listAll, pool, signIn, sleep } from "./http.mjs";
import { benchDeal, createTwelveNodeWorkflow } from "../parts/runs.mjs";
import { closedWonBody, createFakeDeals, deliver } from "./hubspot.mjs";
import { minimalIngestTarget } from "../parts/ingest.mjs";

export async function prepareWorkload(product, what, n, { concurrency = what === "runs" ? 8 : 16, warm = false } = {}) {
  const admin = await signIn(product.url, "admin@example.com");
  if (what === "runs") {
    const wf = await createTwelveNodeWorkflow(admin, product.seeded);
    return async () => {
      const ids = await pool(n, concurrency, async (i) => (await admin.post(`/api/workflows/${wf}/test`, { deal: benchDeal(i) })).json?.runId);
      for (let k = 0; k < 240; k++) {
        const runs = await listAll(admin, `/api/runs?workflowId=${wf}&mode=test`);
        if (runs.filter((r) => ids.includes(r.id) && r.endedAt).length >= ids.length) break;
        await sleep(500);
      }
    };
  }
  const ids = Array.from({ length: n }, (_, i) => 61_000_000_000 + i);
  await createFakeDeals(product.fakeCrms.hubspot, ids);
  const url = what === "minimal" ? (await minimalIngestTarget(product)).webhookUrl : product.hubspotWebhookUrl;
  if (warm) {
    // The receiver's kept connector and candidates, as under load.
    await deliver(url, closedWonBody(60_999_999_999, Date.now()));
    await sleep(3000);
  }
  return async () => {
    await pool(n, concurrency, async (i) => deliver(url, closedWonBody(ids[i], Date.now())));
    await sleep(5000); // let the runs the events started finish their first steps too
  };
}
