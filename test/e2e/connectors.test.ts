import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Serious and critical axe-core violations on the current page. */

describe("Connectors pages", () => {
  it("adds a HubSpot connector whose made-up credentials fail their test, and says why in words", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/connectors");
    const table = page.getByRole("table", { name: "Connectors" });
    await table.waitFor();
    // The Salesforce one may already carry the rename a later test in this file gives it.
    for (const name of [/^HubSpot \(demo\)$/, /^Salesforce \(demo(, renamed)?\)$/, /^Notion \(demo\)$/]) {
      await expect.poll(() => table.getByRole("link", { name }).count(), { message: String(name) }).toBe(1);
    }
    await expect.poll(() => table.getByText("Demo", { exact: true }).count()).toBe(3);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connectors-list");

    await page.getByRole("button", { name: "Add connector" }).click();
    const dialog = page.getByRole("dialog", { name: "Add connector" });
    await dialog.waitFor();
    await expect(dialog.getByRole("radio", { name: /HubSpot/ }).isChecked()).resolves.toBe(true);
    await dialog.getByLabel("Name").fill("HubSpot (e2e)");
    await dialog.getByLabel("Access token").fill("pat-na1-00000000-made-up-e2e");
    await dialog.getByLabel("Client secret").fill("made-up-client-secret");
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connectors-add-dialog");
    await dialog.getByRole("button", { name: "Create connector" }).click();

    // Creating runs a real call to HubSpot, which these credentials (and this offline machine) cannot pass.
    await page.waitForURL(/\/connectors\/con_/, { timeout: 45_000 });
    await page.getByRole("heading", { level: 1, name: "HubSpot (e2e)" }).waitFor({ timeout: 45_000 });
    const failure = page.locator(".con-callout--danger", { hasText: "Last connection test failed" });
    await failure.waitFor({ timeout: 45_000 });
    const why = (await failure.innerText()).replace("Last connection test failed", "").trim();
    expect(why).toMatch(/HubSpot/);
    expect(why.split(/\s+/).length).toBeGreaterThan(4);
    await expect(page.getByText("Error", { exact: true }).first().isVisible()).resolves.toBe(true);
    // The secrets come back masked, never in clear.
    await expect(page.getByText("pat-na1-00000000-made-up-e2e").count()).resolves.toBe(0);
    await expect(page.getByLabel("Webhook URL").inputValue()).resolves.toMatch(/\/webhooks\/hubspot\/con_/);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connector-created-with-error");
    expect(errors).toEqual([]);
  }, 150_000);

  it("sends a test event from the demo HubSpot connector, logs it as started and links the run it started", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/connectors");
    await page.getByRole("link", { name: "HubSpot (demo)", exact: true }).click();
    await page.waitForURL(/\/connectors\/con_/);
    await page.getByRole("heading", { level: 1, name: "HubSpot (demo)" }).waitFor();
    await page.getByRole("table", { name: "Event log, newest first" }).or(page.getByText("No events yet")).first().waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText(/Delivered\. \d+ runs? started\./).waitFor({ timeout: 20_000 });

    const log = page.getByRole("table", { name: "Event log, newest first" });
    const row = log.getByRole("row").filter({ hasText: "Started" }).first();
    await row.waitFor({ timeout: 15_000 });
    await expect(row.innerText()).resolves.toContain("deal.propertyChange");
    // The log names the run by its workflow (the server joins the names in), linking to the run.
    const runLink = row.getByRole("link", { name: /^Run of “.+”$/ }).first();
    const href = await runLink.getAttribute("href");
    expect(href).toMatch(/^\/runs\/run_/);
    await expect(runLink.innerText()).resolves.toMatch(/“.+”$/);
    await expect(row.innerText()).resolves.not.toContain(decodeURIComponent(href!.slice("/runs/".length)));
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connector-detail-test-event");
    await log.scrollIntoViewIfNeeded();
    await screenshot(page, "connector-event-log");

    // Again: the sample names another deal, one without a run yet, so a second run starts.
    await page.getByRole("button", { name: "Send test event" }).click();
    // The result names each run by its workflow, as the log does.
    const second = page.locator(".con-callout--success", { hasText: /Delivered\. \d+ runs? started\./ }).getByRole("link", { name: /^Run of “.+”$/ }).first();
    await page.waitForFunction((first) => [...document.querySelectorAll(".con-callout--success a")].some((a) => a.getAttribute("href") !== first), href, { timeout: 20_000 });
    await expect(second.getAttribute("href")).resolves.not.toBe(href);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connector-detail-test-event-again");

    // The log's newest row is now the second run's; follow the first one's link.
    await log.locator(`a[href="${href}"]`).first().click();
    await page.waitForURL((u) => u.pathname === href);
    const runId = decodeURIComponent(href!.slice("/runs/".length));
    const res = await page.request.get(`/api/runs/${encodeURIComponent(runId)}`);
    expect(res.status()).toBe(200);
    const run = (await res.json()) as { id: string; subject?: { connector?: string } };
    expect(run.id).toBe(runId);
    expect(errors).toEqual([]);
  });

  it("shows Notion's verification token to paste into Notion, and edits a Salesforce connector without re-entering its secrets", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/connectors");
    await page.getByRole("link", { name: "Notion (demo)", exact: true }).click();
    const verification = page.getByRole("region", { name: "Notion verification" });
    await verification.getByText("Notion's verification token has arrived").waitFor();
    await verification.getByRole("button", { name: "Show token" }).click();
    await expect(verification.getByLabel("Verification token").inputValue()).resolves.toMatch(/^secret_/);
    await expect(page.getByText("page.properties_updated").count()).resolves.toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);

    await page.goto("/connectors");
    await page.getByRole("link", { name: "Salesforce (demo)", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Salesforce (demo)" }).waitFor();
    await page.getByText("Outbound Messages → New Outbound Message", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Salesforce (demo)" });
    await expect(dialog.getByLabel("Organization ID").inputValue()).resolves.toBe("00D5g00000KxRtUEAV");
    await expect(dialog.getByLabel("Access token", { exact: true }).inputValue()).resolves.toBe("");
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByLabel("Name").fill("Salesforce (demo, renamed)");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { level: 1, name: "Salesforce (demo, renamed)" }).waitFor();
    // Only the name changed: the stored token still works.
    await expect(page.getByText("Connected", { exact: true }).first().isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});
