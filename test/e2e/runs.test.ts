import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeProblems, screenshot, seed, signIn, useBrowser } from "./browser";

const browser = useBrowser();

const deal = (name: string, arr: number) => ({
  source: "hubspot",
  objectId: `e2e-${name.toLowerCase().replace(/\W+/g, "-")}-${arr}`,
  name: `${name} - annual`,
  amount: arr,
  arr,
  currency: "USD",
  company: { name, domain: `${name.toLowerCase().replace(/\W+/g, "")}.example.com` },
  primaryContact: { name: "Pat Example", email: "pat@example.com" },
  owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
});

/** Starts a test run of a seeded workflow's draft through the API, as the test panel does. */
async function startTestRun(page: Page, preset: string, d: ReturnType<typeof deal>): Promise<string> {
  const id = seed().workflows[preset];
  const res = await page.request.post(`/api/workflows/${id}/test`, { data: { deal: d, version: "draft" } });
  expect(res.status()).toBe(201);
  return (await res.json()).runId;
}

describe("Runs", () => {
  it("lists test runs with filters and paging, and a run waiting for a person is completed and cancelled from its detail", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");

    // One run that waits for a CSM to be assigned by hand, one to cancel, and enough finished ones to page.
    const waiting = await startTestRun(page, "hubspot-closed-won", deal("Quillmark Studios", 42_000));
    const toCancel = await startTestRun(page, "hubspot-closed-won", deal("Ferncastle Labs", 18_000));
    for (let i = 0; i < 26; i++) await startTestRun(page, "salesforce-arr-routing", deal(`Paging Co ${i}`, 10_000 + i));

    await page.goto("/runs");
    await page.getByRole("heading", { level: 1, name: "Runs" }).waitFor();
    await page.getByLabel("Mode").selectOption("test");
    const table = page.getByRole("table", { name: "Runs" });
    await table.getByRole("link", { name: "Paging Co 25" }).waitFor();
    await expect(table.getByRole("row").count()).resolves.toBe(26); // header + a page of 25
    await page.getByRole("button", { name: "Older" }).click();
    await table.getByRole("link", { name: "Quillmark Studios" }).waitFor();
    await page.getByText("Page 2").waitFor();
    await page.getByRole("button", { name: "Newer" }).click();
    await page.getByText("Page 1").waitFor();

    await page.getByLabel("Status").selectOption("paused");
    await table.getByRole("link", { name: "Ferncastle Labs" }).waitFor();
    await expect(table.getByRole("link", { name: /Paging Co/ }).count()).resolves.toBe(0);
    const row = table.getByRole("row").filter({ hasText: "Quillmark Studios" });
    await row.getByText("Waiting").waitFor();
    await row.getByText("HubSpot Closed Won → onboarding").waitFor();
    await screenshot(page, "runs");
    expect(await axeProblems(page)).toEqual([]);

    // Detail of the waiting run: complete the assignment inline, then watch it finish.
    await row.getByRole("link", { name: "Quillmark Studios" }).click();
    await page.waitForURL(`**/runs/${waiting}`);
    await page.locator(".run-facts").getByText("Assign a CSM").waitFor();
    const task = page.locator(".task-card");
    await task.getByLabel("CSM").selectOption({ index: 1 });
    await task.getByRole("button", { name: "Assign CSM" }).click();
    await page.locator(".run-facts .status-pill").getByText("Completed").waitFor({ timeout: 20_000 });
    await page.getByText("Waiting for someone").waitFor();
    await expect(page.locator(".timeline__row").count()).resolves.toBeGreaterThan(5);
    expect(await axeProblems(page)).toEqual([]);

    // Cancel the other one, with a confirmation.
    await page.goto(`/runs/${toCancel}`);
    await page.getByRole("button", { name: "Cancel run" }).click();
    await page.getByRole("alertdialog", { name: "Cancel this run?" }).getByRole("button", { name: "Cancel run" }).click();
    await page.locator(".run-facts .status-pill").getByText("Cancelled").waitFor();
    await expect(page.getByRole("button", { name: "Cancel run" }).count()).resolves.toBe(0);

    // The workflow's own runs page is the same list, scoped.
    await page.getByRole("link", { name: /Runs of HubSpot Closed Won/ }).click();
    await page.getByRole("heading", { level: 1, name: "Runs of HubSpot Closed Won → onboarding" }).waitFor();
    await expect(page.getByLabel("Workflow").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
