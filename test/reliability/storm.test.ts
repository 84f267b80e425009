import { describe, expect, it } from "vitest";
import { asAdmin, closedWonBody, deliver, listAll, pool, rng, shared, size } from "./helpers";

/**
 * Duplicate storm: signed HubSpot deliveries (one event each), 30% of them repeats of events
 * already in the set, in shuffled order at concurrency 16 — as HubSpot's retries and parallel
 * deliveries look. Every delivery is acknowledged (200); every distinct event starts exactly one
 * run of the active workflow; repeats start nothing.
 */
describe("duplicate storm", () => {
  const total = size(200, 2000);
  it(`${total} deliveries with 30% repeats → runs = distinct events`, { timeout: size(300_000, 1_500_000) }, async () => {
    const s = shared();
    const admin = await asAdmin(s.url);
    const workflowId = s.seeded.workflows["hubspot-closed-won"];
    const r = rng(2000);
    const distinct = Math.round(total * 0.7);
    const base = 80_000_000_000 + Math.floor(Date.now() % 1_000_000) * 10_000;
    const occurredAt = Date.now() - 60_000;
    const bodies = Array.from({ length: distinct }, (_, i) => ({ objectId: base + i, body: closedWonBody(base + i, occurredAt + i) }));
    const deliveries = [...bodies];
    for (let i = distinct; i < total; i++) deliveries.push(bodies[r.int(distinct)]);
    r.shuffle(deliveries);

    const outcomes: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    const refused: string[] = [];
    await pool(deliveries.length, 16, async (i: number) => {
      const d = deliveries[i];
      const res = await deliver(s.hubspotWebhookUrl, d.body);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 200) {
        if (refused.length < 5) refused.push(`${res.status} ${res.text.slice(0, 200)}`);
        return;
      }
      for (const ev of JSON.parse(res.text).events) outcomes[ev.outcome] = (outcomes[ev.outcome] ?? 0) + 1;
    });
    expect(refused, `statuses ${JSON.stringify(statuses)}`).toEqual([]);

    const mine = (await listAll(admin, `/api/runs?workflowId=${workflowId}&mode=live`)).filter((run: { subject: { objectId: string } }) => {
      const id = Number(run.subject?.objectId);
      return id >= base && id < base + distinct;
    });
    const perObject = new Map<string, number>();
    for (const run of mine) perObject.set(run.subject.objectId, (perObject.get(run.subject.objectId) ?? 0) + 1);
    const doubles = [...perObject].filter(([, n]) => n > 1);

    expect(doubles, "records with more than one run").toEqual([]);
    expect(perObject.size, "distinct events with a run").toBe(distinct);
    expect(mine.length, "runs").toBe(distinct);
    expect(outcomes.started, `outcomes ${JSON.stringify(outcomes)}`).toBe(distinct);
    expect((outcomes.duplicate ?? 0) + (outcomes.started ?? 0)).toBe(total);
  });
});
