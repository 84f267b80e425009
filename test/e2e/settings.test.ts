import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, baseUrl, launch, newPage, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Serious and critical axe-core violations on the current page. */

describe("Settings page", () => {
  it("shows the embedded defaults, runs an AI test, and sends a test e-mail that lands in the outbox", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.waitForURL("**/settings");
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    const ai = page.getByRole("region", { name: "AI provider" });
    await ai.getByText("Built-in (deterministic)").first().waitFor();
    await expect(ai.getByText("deterministic-v1").count()).resolves.toBe(1);
    await expect(ai.getByText("Free", { exact: true }).count()).resolves.toBe(1);

    await ai.getByRole("button", { name: "Send test request" }).click();
    await ai.getByRole("status").getByText(/answered "greeting"/).waitFor();

    const to = `e2e-${Date.now()}@example.com`;
    const email = page.getByRole("region", { name: "E-mail provider" });
    await email.getByLabel("Send a test e-mail to").fill(to);
    await email.getByRole("button", { name: "Send test e-mail" }).click();
    await email.getByRole("status").getByText(/Kept in the outbox/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "settings");

    const outbox = (await (await page.request.get("/api/outbox")).json()) as { items: { to: string; subject: string; provider: string }[] };
    expect(outbox.items.find((e) => e.to === to)).toMatchObject({ subject: "Test e-mail from Onboarding Workflows", provider: "outbox" });

    await email.getByRole("link", { name: "See it in the outbox" }).click();
    await page.waitForURL(/\/outbox\?id=/);
    await page.getByRole("heading", { name: "Test e-mail from Onboarding Workflows" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("adds and removes a holiday that plans skip, saved at once; axe is clean", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto(baseUrl() + "/settings");
    const card = page.getByRole("region", { name: "Holidays" });
    await card.getByText("No holidays yet").waitFor();
    await card.getByLabel("Day off").fill("2031-12-25");
    await card.getByRole("button", { name: "Add holiday" }).click();
    await card.getByRole("list", { name: "Holidays" }).locator('time[datetime="2031-12-25"]').waitFor();
    expect(await (await page.request.get("/api/settings/holidays")).json()).toEqual({ days: ["2031-12-25"] });
    expect(await axeProblems(page)).toEqual([]);
    await card.getByRole("button", { name: /^Remove / }).click();
    await card.getByText("No holidays yet").waitFor();
    expect(await (await page.request.get("/api/settings/holidays")).json()).toEqual({ days: [] });
    expect(errors).toEqual([]);
  });

  it("a workflow with all three AI nodes runs on the built-in provider", async () => {
    const { page } = await newPage(browser);
    await signIn(page, "admin@example.com");
    const headers = { origin: baseUrl(), "content-type": "application/json" };
    const node = (id: string, type: string, config: object, x: number) => ({ id, type, position: { x, y: 0 }, config });
    const definition = {
      nodes: [
        node("t", "trigger.hubspot", { connectorId: "conn_e2e", stageIds: ["closedwon"] }, 0),
        node("x", "ai.transform", { instruction: "Extract", input: "{{deal.name}}, ARR {{deal.arr}}, {{deal.company.employees}} employees", fields: [{ key: "employees", type: "number", description: "employees" }] }, 200),
        node("c", "ai.classify", { input: "{{deal.company.employees}} employees", labels: [{ id: "small", description: "under 100 employees" }, { id: "large", description: "over 100 employees" }] }, 400),
        node("g", "ai.generate", { prompt: "Hi {{deal.primaryContact.name}}, welcome! Your track is {{steps.c.label}}.", maxWords: 20 }, 600),
        node("done", "end", {}, 800),
      ],
      edges: [
        { id: "e1", source: "t", target: "x" },
        { id: "e2", source: "x", target: "c" },
        { id: "e3", source: "c", sourcePort: "small", target: "g" },
        { id: "e4", source: "c", sourcePort: "large", target: "g" },
        { id: "e5", source: "g", target: "done" },
      ],
    };
    const created = await page.request.post("/api/workflows", { headers, data: { name: "AI journey (e2e)", definition } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const deal = { source: "hubspot", objectId: "e2e-ai", name: "Brightline", amount: 48000, arr: 48000, currency: "USD", stage: "closedwon", closeDate: null, url: null, company: { name: "Brightline", domain: null, industry: null, employees: 240, country: null, region: null }, primaryContact: { name: "Maya", email: "maya@example.com" }, owner: { name: null, email: null }, properties: {} };
    const started = await page.request.post(`/api/workflows/${id}/test`, { headers, data: { deal } });
    expect(started.status()).toBe(201);
    const { runId } = (await started.json()) as { runId: string };
    let run: any = null;
    for (let i = 0; i < 50 && !["completed", "failed"].includes(run?.status); i++) {
      await new Promise((r) => setTimeout(r, 200));
      run = await (await page.request.get(`/api/runs/${runId}`)).json();
    }
    expect(run.status).toBe("completed");
    const out = (nodeId: string) => run.steps.find((s: any) => s.nodeId === nodeId).output;
    expect(out("x")).toMatchObject({ employees: 240, ai: { provider: "builtin" } });
    expect(out("c")).toMatchObject({ label: "large", ai: { provider: "builtin" } });
    expect(out("g")).toMatchObject({ text: "Hi Maya, welcome! Your track is large.", ai: { provider: "builtin" } });
  });
});
