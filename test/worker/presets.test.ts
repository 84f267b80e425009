import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, db, login } from "./helpers";
import { drive, sampleDeal } from "./run-helpers";
import { seedDemo } from "../../worker/seed/demo";
import { seedSteps } from "../../worker/seed/steps";

describe("the four presets", () => {
  it("are offered, create valid drafts, and a test run of each reaches its first person or completes", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const presets = await call("/api/workflow-presets", { cookie: admin });
    expect(presets.json.items.map((p: any) => p.id).sort()).toEqual(["ae-handoff", "hubspot-closed-won", "notion-approval", "salesforce-arr-routing"]);

    const expected: Record<string, { status: string; at?: string; kind?: string }> = {
      "hubspot-closed-won": { status: "paused", kind: "assignment" },
      "salesforce-arr-routing": { status: "completed" },
      "notion-approval": { status: "paused", kind: "approval" },
      "ae-handoff": { status: "paused", kind: "handoff" },
    };
    for (const p of presets.json.items) {
      const created = await call("/api/workflows", { cookie: admin, body: { presetId: p.id, name: `Copy of ${p.name}` } });
      expect(created.status, created.text).toBe(201);
      expect(created.json.status).toBe("draft");
      const valid = await call(`/api/workflows/${created.json.id}/validate`, { cookie: admin });
      expect(valid.json, p.id).toEqual({ valid: true, errors: [] });
      const test = await call(`/api/workflows/${created.json.id}/test`, { cookie: admin, body: { deal: sampleDeal({ arr: 126000, amount: 126000 }) } });
      expect(test.status, test.text).toBe(201);
      const run = await drive(admin, test.json.runId);
      expect(run.status, `${p.id}: ${JSON.stringify(run.steps.map((s: any) => [s.nodeId, s.status, s.error?.message]))}`).toBe(expected[p.id].status);
      if (expected[p.id].kind) {
        const items = await call(`/api/queue?runId=${test.json.runId}&mode=test`, { cookie: admin });
        expect(items.json.items.map((i: any) => i.kind)).toEqual([expected[p.id].kind]);
        // Formatting filters run on workerd's own ICU, not only Node's.
        if (p.id === "notion-approval") {
          const item = await call(`/api/queue/${items.json.items[0].id}`, { cookie: admin });
          expect(item.json.context.instructions).toContain("ARR $126,000,");
        }
      } else {
        expect(run.data.account.mode).toBe("test");
        expect(run.data.csm).toBeTruthy();
      }
    }
  });

  it("a workflow made from a preset without a name gets the preset's, numbered when it is taken", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const make = async () => (await call("/api/workflows", { cookie: admin, body: { presetId: "ae-handoff" } })).json.name;
    const seeded = (await call("/api/workflows?status=all", { cookie: admin })).json.items.find((w: { name: string }) => w.name.startsWith("AE handoff"));
    expect(seeded?.name).toBeTruthy();
    expect(await make()).toBe(`${seeded.name} (2)`);
    expect(await make()).toBe(`${seeded.name} (3)`);
  });

  it("export and import round-trip a workflow", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const list = await call("/api/workflows", { cookie: admin });
    const first = list.json.items[0];
    const exported = await call(`/api/workflows/${first.id}/export`, { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment/);
    const imported = await call("/api/workflows/import", { cookie: admin, body: exported.json });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.draft).toEqual(exported.json.definition);
    expect(imported.json.status).toBe("draft");
    const bad = await call("/api/workflows/import", { cookie: admin, body: { ...exported.json, definition: { nodes: "x" } } });
    expect(bad.status).toBe(422);
  });

  it("an import whose name is taken arrives numbered: Name (2), then (3), also from a file of Name (2); a long name is shortened to fit", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const first = (await call("/api/workflows", { cookie: admin })).json.items[0];
    const doc = (await call(`/api/workflows/${first.id}/export`, { cookie: admin })).json;
    const name = `Imported ${crypto.randomUUID().slice(0, 8)}`;
    const imp = async (n: string) => {
      const r = await call("/api/workflows/import", { cookie: admin, body: { ...doc, name: n } });
      expect(r.status, r.text).toBe(201);
      return r.json.name as string;
    };
    expect(await imp(name)).toBe(name);
    expect(await imp(name)).toBe(`${name} (2)`);
    expect(await imp(name)).toBe(`${name} (3)`);
    expect(await imp(`${name} (2)`)).toBe(`${name} (4)`);
    const long = `${name} ${"x".repeat(120)}`.slice(0, 120);
    expect(await imp(long)).toBe(long);
    const again = await imp(long);
    expect(again).toMatch(/ \(2\)$/);
    expect(again.length).toBeLessThanOrEqual(120);
  });

  it("status changes follow the legal transitions", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const created = await call("/api/workflows", { cookie: admin, body: { presetId: "hubspot-closed-won", name: "Transitions" } });
    const id = created.json.id;
    const set = (status: string) => call(`/api/workflows/${id}/status`, { cookie: admin, body: { status } });
    expect((await set("active")).json.error.code).toBe("not_published");
    // The seeded HubSpot workflow is active on the same connector: the activate dialog warns of it.
    const overlaps = await call(`/api/workflows/${id}/overlaps`, { cookie: admin });
    expect(overlaps.json.items.map((w: { name: string }) => w.name)).toEqual(["HubSpot Closed Won → onboarding"]);
    expect((await set("paused")).status).toBe(409);
    expect((await call(`/api/workflows/${id}/publish`, { cookie: admin, method: "POST" })).status).toBe(201);
    // The header's "Unpublished changes": off right after publishing, on once the draft is edited.
    expect((await call(`/api/workflows/${id}`, { cookie: admin })).json.unpublishedChanges).toBe(false);
    const draft = created.json.draft;
    const edited = await call(`/api/workflows/${id}`, { cookie: admin, method: "PUT", body: { draft: { ...draft, nodes: draft.nodes.map((n: any, i: number) => (i === 0 ? { ...n, position: { x: n.position.x + 10, y: n.position.y } } : n)) } } });
    expect(edited.json.unpublishedChanges).toBe(true);
    expect((await call(`/api/workflows/${id}`, { cookie: admin })).json.unpublishedChanges).toBe(true);
    expect((await call(`/api/workflows/${id}`, { cookie: admin, method: "PUT", body: { draft } })).json.unpublishedChanges).toBe(false);
    expect((await set("active")).status).toBe(200);
    expect((await set("paused")).status).toBe(200);
    expect((await set("active")).status).toBe(200);
    expect((await set("archived")).status).toBe(200);
    expect((await call(`/api/workflows/${id}`, { cookie: admin, method: "PUT", body: { name: "x" } })).status).toBe(409);
    expect((await set("active")).status).toBe(409);
    expect((await set("draft")).status).toBe(200);
    // A workflow that reads the deal before fetching it would see no deal on live runs: not activated.
    const early = await call("/api/workflows", {
      cookie: admin,
      body: {
        name: "No extract step",
        definition: {
          nodes: [
            { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: created.json.draft.nodes[0].config.connectorId, stageIds: ["closedwon"] } },
            { id: "check", type: "logic.condition", name: "Big deal?", position: { x: 0, y: 160 }, config: { combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 1 }] } },
            { id: "yes", type: "end", position: { x: -140, y: 320 }, config: { outcome: "completed" } },
            { id: "no", type: "end", position: { x: 140, y: 320 }, config: { outcome: "completed" } },
          ],
          edges: [
            { id: "e1", source: "trigger", target: "check" },
            { id: "e2", source: "check", sourcePort: "true", target: "yes" },
            { id: "e3", source: "check", sourcePort: "false", target: "no" },
          ],
        },
      },
    });
    expect(early.status, early.text).toBe(201);
    expect((await call(`/api/workflows/${early.json.id}/publish`, { cookie: admin, method: "POST" })).status).toBe(201);
    const refused = await call(`/api/workflows/${early.json.id}/status`, { cookie: admin, body: { status: "active" } });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "deal_not_fetched", message: expect.stringContaining("“Big deal?” reads deal.arr, but no “Extract deal data” step comes before it") });
    // Archived workflows are hidden by default.
    await set("archived");
    const visible = await call("/api/workflows", { cookie: admin });
    expect(visible.json.items.some((w: any) => w.id === id)).toBe(false);
    const all = await call("/api/workflows?status=archived", { cookie: admin });
    expect(all.json.items.some((w: any) => w.id === id)).toBe(true);
  });

  it("publishing an invalid draft answers 422 with node-level errors; a malformed draft is refused", async () => {
    const admin = (await import("./helpers")).signedIn;
    const { cookie } = await admin();
    const wf = await call("/api/workflows", { cookie, body: { name: "Broken", definition: { nodes: [{ id: "a", type: "logic.condition", position: { x: 0, y: 0 }, config: {} }], edges: [] } } });
    expect(wf.status).toBe(201);
    const pub = await call(`/api/workflows/${wf.json.id}/publish`, { cookie, method: "POST" });
    expect(pub.status).toBe(422);
    expect(pub.json.error.details.length).toBeGreaterThan(0);
    expect(pub.json.error.details.some((d: any) => d.nodeId === "a")).toBe(true);
    const malformed = await call(`/api/workflows/${wf.json.id}`, { cookie, method: "PUT", body: { draft: { nodes: [{ id: 1 }] } } });
    expect(malformed.status).toBe(422);
    expect(malformed.json.error.details[0].path).toMatch(/^draft\.nodes\.0/);
  });
});

describe("templates in use", () => {
  it("a template applied by an active workflow's published version cannot be deleted; an unused one can", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const templates = (await call("/api/templates", { cookie: admin })).json.items;
    const enterprise = templates.find((t: any) => /enterprise/i.test(t.name));
    const refused = await call(`/api/templates/${enterprise.id}`, { cookie: admin, method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("template_in_use");
    // The refusal names the workflow, says nothing was deleted and what to do.
    expect(refused.json.error.message).toMatch(/^The active workflow “.+” applies this template, so it was not deleted\. Point its Apply template step at another template and publish, or archive the workflow, then delete the template\.$/);
    expect((await call(`/api/templates/${enterprise.id}`, { cookie: admin })).status).toBe(200);
    const empty = await call("/api/templates", { cookie: admin, body: { name: "Spare", description: "", milestones: [] } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.details[0]).toMatchObject({ path: "milestones", message: expect.stringContaining("Add at least one milestone") });
    const spare = await call("/api/templates", { cookie: admin, body: { name: "Spare", description: "", milestones: [{ name: "Kickoff", offsetDays: 0, tasks: [] }] } });
    expect(spare.status, spare.text).toBe(201);
    expect((await call(`/api/templates/${spare.json.id}`, { cookie: admin, method: "DELETE" })).status).toBe(204);
  });

  it("a paused workflow still holds its template: its runs resume on the published version", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const enterprise = (await call("/api/templates", { cookie: admin })).json.items.find((t: any) => /enterprise/i.test(t.name));
    const active = (await call("/api/workflows?status=active", { cookie: admin })).json.items;
    expect(active.length).toBeGreaterThan(0);
    for (const w of active) expect((await call(`/api/workflows/${w.id}/status`, { cookie: admin, body: { status: "paused" } })).status).toBe(200);
    const refused = await call(`/api/templates/${enterprise.id}`, { cookie: admin, method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "template_in_use", message: expect.stringMatching(/^The paused workflow “.+” applies this template, so it was not deleted\./) });
    expect((await call(`/api/templates/${enterprise.id}`, { cookie: admin })).status).toBe(200);
  });
});
