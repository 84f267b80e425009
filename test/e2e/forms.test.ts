import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage, screenshot } from "./browser";
import { api, apiLogin, createHandoffWorkflow, deal, handoffPath, runUntilTask, unique, waitFor, type Session } from "./queue-fixtures";

let browser: Browser;
let admin: Session;
beforeAll(async () => {
  browser = await launch();
  admin = await apiLogin("admin@example.com");
});
afterAll(async () => {
  await browser?.close();
});

describe("External handoff form (browser)", () => {
  it("the AE opens the handoff link without signing in, fixes a mistake, submits, and the run continues", async () => {
    const company = `Globex ${unique()}`;
    const ae = `ae.${unique()}@example.com`;
    const wf = await createHandoffWorkflow(admin, `E2E handoff ${company}`, {
      title: "Handoff for {{deal.company.name}}",
      recipient: "{{deal.owner.email}}",
      instructions: "You closed {{deal.name}} — thank you! Tell the onboarding team what they need to know.",
      expiresInHours: 48,
      fields: [
        { key: "kickoff_date", label: "Preferred kickoff date", type: "date", required: true },
        { key: "primary_goal", label: "Customer's primary goal", type: "select", required: true, options: ["Faster onboarding", "Replace legacy tool"] },
        { key: "technical_contact", label: "Technical contact e-mail", type: "email" },
        { key: "needs_sso", label: "Needs SSO", type: "checkbox" },
        { key: "notes", label: "Anything else", type: "textarea" },
      ],
    });
    const { runId, item } = await runUntilTask(admin, wf, deal(company, ae));
    expect(item.kind).toBe("handoff");

    // The link arrives by e-mail.
    const path = await handoffPath(admin, ae);
    expect(path).toBeTruthy();

    // A fresh browser context: no session at all.
    const { page, errors, context } = await newPage(browser);
    expect(await context.cookies()).toEqual([]);
    const doc = await page.goto(path!);
    expect(doc?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: `Handoff for ${company}` }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await page.getByText(`You closed ${company} - Enterprise`).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "handoff-form");

    // Client-side checks first.
    await page.getByLabel("Technical contact e-mail (optional)").fill("not an address");
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.getByText("Preferred kickoff date is required").waitFor();
    await page.getByText("Technical contact e-mail must be an e-mail address").waitFor();

    await page.getByLabel("Preferred kickoff date").fill("2026-12-07");
    await page.getByLabel("Customer's primary goal").selectOption("Replace legacy tool");
    await page.getByLabel("Technical contact e-mail (optional)").fill("it@globex.example.com");
    await page.getByLabel("Needs SSO").check();
    await page.getByLabel("Anything else (optional)").fill("Their CFO wants a weekly status mail.");
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.getByRole("heading", { name: "Thank you!" }).waitFor();
    await screenshot(page, "handoff-thank-you");
    expect(errors).toEqual([]);

    // The run resumed with the answers.
    const run = await waitFor("the run to finish", async () => {
      const r = await api<{ status: string; steps: { nodeId: string; port?: string; output?: { data?: Record<string, unknown> } }[] }>(admin, "GET", `/api/runs/${runId}`);
      return r.status === "completed" ? r : null;
    });
    const step = run.steps.find((s) => s.nodeId === "handoff");
    expect(step?.port).toBe("done");
    expect(step?.output?.data).toMatchObject({ kickoff_date: "2026-12-07", primary_goal: "Replace legacy tool", technical_contact: "it@globex.example.com", needs_sso: true });

    // The link works once: opening it again says so, kindly.
    const again = await page.goto(path!);
    expect(again?.status()).toBe(410);
    await page.getByRole("heading", { name: "This form was already sent" }).waitFor();
  });

  it("answers an unknown link with a friendly page", async () => {
    const { page } = await newPage(browser);
    const doc = await page.goto("/forms/this-link-does-not-exist-0000000000");
    expect(doc?.status()).toBe(404);
    await page.getByRole("heading", { name: "We couldn't find this form" }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
  });
});
