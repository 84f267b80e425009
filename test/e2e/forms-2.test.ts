import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage } from "./browser";
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

describe("External handoff form: dates, lengths and time zones (browser)", () => {
  it("refuses a past kickoff date and too much text with clear messages, counts characters near the limit, names the expiry's time zone, and keeps every answer through a refusal", async () => {
    const company = `Initech ${unique()}`;
    const ae = `ae.${unique()}@example.com`;
    const wf = await createHandoffWorkflow(admin, `E2E handoff limits ${company}`, {
      title: "Handoff for {{deal.company.name}}",
      recipient: "{{deal.owner.email}}",
      expiresInHours: 48,
      fields: [
        { key: "kickoff_date", label: "Preferred kickoff date", type: "date", required: true, notBefore: "today" },
        { key: "champion", label: "Champion", type: "text", maxLength: 40 },
        { key: "notes", label: "Anything else", type: "textarea" },
      ],
    });
    const { runId } = await runUntilTask(admin, wf, deal(company, ae));
    const path = (await handoffPath(admin, ae))!;

    const { page, errors } = await newPage(browser);
    await page.goto(path);
    await page.getByRole("heading", { level: 1, name: `Handoff for ${company}` }).waitFor();

    // The link's expiry names the reader's time zone (whatever it is), not a bare clock time.
    const zone = await page.evaluate(() => new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")!.value);
    const footnote = await page.getByText(/This link works once and expires/).textContent();
    expect(footnote).toContain(zone);

    // The date picker starts at today, and a past day typed in is refused before sending.
    const { today, yesterday } = await page.evaluate(() => {
      const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      const now = new Date();
      return { today: day(now), yesterday: day(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)) };
    });
    const kickoff = page.getByLabel("Preferred kickoff date");
    expect(await kickoff.getAttribute("min")).toBe(today);
    await kickoff.fill(yesterday);

    // No counter while far from the limit; "n / 40 characters" once near it.
    const champion = page.getByLabel("Champion (optional)");
    await champion.fill("Peter Gibbons");
    expect(await page.getByText(/\/ 40 characters/).count()).toBe(0);
    await champion.fill("P".repeat(35));
    await page.getByText("35 / 40 characters").waitFor();
    await champion.fill("P".repeat(41));
    await page.getByText("41 / 40 characters").waitFor();
    await page.getByLabel("Anything else (optional)").fill("Their CFO wants a weekly status mail.");

    await page.getByRole("button", { name: "Send answers" }).click();
    await page.getByText("Preferred kickoff date can't be in the past: choose today or a later day").waitFor();
    await page.getByText("Champion must be at most 40 characters").waitFor();
    expect(await page.getByText("2 answers need a look.").count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);

    // A page whose own check let a past day through (e.g. one left open since yesterday): the
    // server's 422 lands on the field and every answer stays as typed. The request really reaches
    // the server; only its kickoff date is swapped for a past day on the way.
    await kickoff.fill(today);
    await champion.fill("Peter Gibbons");
    await page.route("**/api/forms/*", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const body = JSON.parse(route.request().postData()!);
      await route.continue({ postData: JSON.stringify({ data: { ...body.data, kickoff_date: "2020-01-06" } }) });
    });
    const refused = page.waitForResponse((r) => r.url().includes("/api/forms/") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Send answers" }).click();
    expect((await refused).status()).toBe(422);
    await page.getByText("Preferred kickoff date can't be in the past: choose today or a later day").waitFor();
    expect(await kickoff.inputValue()).toBe(today);
    expect(await champion.inputValue()).toBe("Peter Gibbons");
    expect(await page.getByLabel("Anything else (optional)").inputValue()).toBe("Their CFO wants a weekly status mail.");
    await page.unroute("**/api/forms/*");

    // Sent as it stands, the same answers go through.
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.getByRole("heading", { name: "Thank you!" }).waitFor();
    const run = await waitFor("the run to finish", async () => {
      const r = await api<{ status: string; steps: { nodeId: string; output?: { data?: Record<string, unknown> } }[] }>(admin, "GET", `/api/runs/${runId}`);
      return r.status === "completed" ? r : null;
    });
    expect(run.steps.find((s) => s.nodeId === "handoff")?.output?.data).toMatchObject({ kickoff_date: today, champion: "Peter Gibbons", notes: "Their CFO wants a weekly status mail." });
    // The 422 is an expected answer, not a page error.
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
  });
});
