import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, db, login } from "./helpers";
import { seedDemo } from "../../worker/seed/demo";
import { seedSteps } from "../../worker/seed/steps";
import { drive } from "./run-helpers";

describe("demo seed", () => {
  it("creates the demo workspace once, with templates, presets and a completed demo run", async () => {
    const first = await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    expect(first.created).toBe(true);
    const again = await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    expect(again.created).toBe(false);
    expect(again.users).toEqual(first.users);

    const admin = await login("admin@example.com", "demo-password");
    const csm = await login("csm1@example.com", "demo-password");
    expect((await call("/api/me", { cookie: csm })).json.role).toBe("csm");

    const users = await call("/api/users", { cookie: admin });
    expect(users.json.items).toHaveLength(4);
    const pools = await call("/api/pools", { cookie: admin });
    expect(pools.json.items.map((p: any) => p.name).sort()).toEqual(["General pool", "Senior CSMs"]);
    const templates = await call("/api/templates", { cookie: admin });
    expect(templates.json.items.map((t: any) => t.name).sort()).toEqual(["Enterprise onboarding", "Standard onboarding"]);

    const workflows = await call("/api/workflows", { cookie: admin });
    expect(workflows.json.items).toHaveLength(4);
    for (const w of workflows.json.items) expect(w.publishedVersion, w.name).toBe(1);

    const active = workflows.json.items.filter((w: any) => w.status === "active").map((w: any) => w.name);
    expect(active.length).toBeGreaterThanOrEqual(1);
    expect(active.some((n: string) => /hubspot/i.test(n))).toBe(true);

    // Two demo runs: the Salesforce one completes, the HubSpot one waits for CSM assignment.
    const runs = await call("/api/runs", { cookie: admin });
    expect(runs.json.items).toHaveLength(2);
    for (const r of runs.json.items) await drive(admin, r.id);
    const byWorkflow = Object.fromEntries(
      await Promise.all(runs.json.items.map(async (r: any) => [r.workflowName, (await call(`/api/runs/${r.id}`, { cookie: admin })).json])),
    );
    const sf = Object.entries(byWorkflow).find(([n]) => /salesforce/i.test(n))![1] as any;
    const hs = Object.entries(byWorkflow).find(([n]) => /hubspot/i.test(n))![1] as any;
    expect(sf.status, JSON.stringify(sf.steps.map((s: any) => [s.nodeId, s.status, s.error]))).toBe("completed");
    expect(hs.status).toBe("paused");
    const queue = await call("/api/queue", { cookie: admin });
    expect(queue.json.items).toHaveLength(1);
    expect(queue.json.items[0]).toMatchObject({ kind: "assignment", status: "open", subject: { name: "Northwind Logistics" } });
    // It waits in the general pool: its members see it, a CSM outside the pool does not.
    const general = await login("csm3@example.com", "demo-password");
    expect((await call("/api/queue", { cookie: general })).json.items).toHaveLength(1);
    expect((await call("/api/queue", { cookie: csm })).json.items).toHaveLength(0);

    const accounts = await call("/api/accounts", { cookie: admin });
    const account = accounts.json.items.find((a: any) => a.name === "Cobalt Ridge Health");
    expect(account).toMatchObject({ name: "Cobalt Ridge Health", mode: "live" });
    expect(account.csm).not.toBeNull();
    expect(account.template.name).toBe("Enterprise onboarding");
    expect(account.plan.length).toBeGreaterThan(0);
    const outbox = await call("/api/outbox", { cookie: admin });
    expect(outbox.json.items.length).toBeGreaterThanOrEqual(1);
    expect(outbox.json.items[0].to).toBe("daniel.whitfield@cobaltridge.example.com");

    // On a fresh install, "Send test event" starts a run on every demo connector: the seeded runs
    // are on records of their own, not the ones the sample events name.
    const connectors = (await call("/api/connectors", { cookie: admin })).json.items as { id: string; kind: string; mode: string }[];
    for (const kind of ["hubspot", "salesforce"]) {
      const c = connectors.find((x) => x.kind === kind)!;
      const sent = await call(`/api/connectors/${c.id}/send-test-event`, { cookie: admin, method: "POST" });
      expect(sent.status, sent.text).toBe(200);
      expect(sent.json.events.flatMap((e: { runIds: string[] }) => e.runIds), `${kind}: ${sent.json.detail}`).toHaveLength(1);
    }
  });
});
