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
    // The page is in the address: a reload stays on it, and Back returns to the first.
    expect(new URL(page.url()).searchParams.get("page")).toBe("2");
    await page.reload();
    await table.getByRole("link", { name: "Quillmark Studios" }).waitFor();
    await page.getByText("Page 2").waitFor();
    await page.goBack();
    await table.getByRole("link", { name: "Paging Co 25" }).waitFor();
    await page.getByText("Page 1").waitFor();
    await page.goForward();
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

  it("keeps filters and search in the address, says why a run failed, and its page links the workflow and the account with titles as the run saw them", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    const connectors = (await (await page.request.get("/api/connectors")).json()).items as { id: string; kind: string }[];
    const reason = "Stopped on purpose by the browser test, with a reason long enough to be cut short in the list";
    const created = await page.request.post("/api/workflows", {
      data: {
        name: "E2E reasons",
        definition: {
          nodes: [
            { id: "t", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: connectors.find((c) => c.kind === "hubspot")!.id, stageIds: ["closedwon"] } },
            { id: "acc", type: "action.create_account", position: { x: 0, y: 160 }, config: {} },
            { id: "tag", type: "action.set_data", name: "Welcome {{account.name}}", position: { x: 0, y: 320 }, config: { values: { "onboarding.tier": "e2e" } } },
            { id: "stop", type: "end", position: { x: 0, y: 480 }, config: { outcome: "failed", reason } },
          ],
          edges: [
            { id: "e1", source: "t", target: "acc" },
            { id: "e2", source: "acc", target: "tag" },
            { id: "e3", source: "tag", target: "stop" },
          ],
        },
      },
    });
    expect(created.status()).toBe(201);
    const wf = (await created.json()).id as string;
    const test = async (name: string) => {
      const res = await page.request.post(`/api/workflows/${wf}/test`, { data: { deal: deal(name, 30_000), version: "draft" } });
      expect(res.status()).toBe(201);
      return (await res.json()).runId as string;
    };
    const zephyr = await test("Zephyr Kilns");
    const marigold = await test("Marigold Freight");
    for (const id of [zephyr, marigold]) {
      await expect.poll(async () => (await (await page.request.get(`/api/runs/${id}`)).json()).status, { timeout: 20_000 }).toBe("failed");
    }

    await page.goto("/runs");
    await page.getByLabel("Mode").selectOption("test");
    await page.getByLabel("Status").selectOption("failed");
    const table = page.getByRole("table", { name: "Runs" });
    const row = table.getByRole("row").filter({ hasText: "Zephyr Kilns" });
    // The reason is on one line under the status; the whole of it is the tooltip.
    const why = row.locator(".run-reason");
    await why.waitFor({ timeout: 20_000 });
    await expect(why.getAttribute("title")).resolves.toBe(reason);
    await table.getByRole("link", { name: "Marigold Freight" }).waitFor();
    await screenshot(page, "runs-failed");

    await page.getByLabel("Search", { exact: true }).fill("zephyr");
    await page.waitForURL((u) => u.searchParams.get("q") === "zephyr");
    await expect.poll(() => table.getByRole("link", { name: "Marigold Freight" }).count()).toBe(0);
    await row.waitFor();
    // A reload keeps all of it; Back leaves the search and the status (typing replaced the entry), Forward brings them back.
    await page.reload();
    await row.waitFor();
    await expect(page.getByLabel("Search", { exact: true }).inputValue()).resolves.toBe("zephyr");
    await expect(page.getByLabel("Status").inputValue()).resolves.toBe("failed");
    await page.goBack();
    await expect.poll(() => page.getByLabel("Status").inputValue()).toBe("");
    await expect(page.getByLabel("Search", { exact: true }).inputValue()).resolves.toBe("");
    await table.getByRole("link", { name: "Marigold Freight" }).first().waitFor();
    await page.goForward();
    await expect.poll(() => page.getByLabel("Search", { exact: true }).inputValue()).toBe("zephyr");
    await expect.poll(() => table.getByRole("link", { name: "Marigold Freight" }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);

    await row.getByRole("link", { name: "Zephyr Kilns" }).click();
    await page.waitForURL(`**/runs/${zephyr}`);
    const header = page.locator("header.page-header");
    await expect(header.getByRole("link", { name: "E2E reasons", exact: true }).getAttribute("href")).resolves.toBe(`/workflows/${wf}`);
    const account = header.getByRole("link", { name: "Zephyr Kilns", exact: true });
    await expect(account.getAttribute("href")).resolves.toMatch(/^\/accounts\/acc_/);
    // An End step's deliberate failure has nothing to retry.
    await expect(page.getByRole("button", { name: "Retry" }).count()).resolves.toBe(0);
    await page.locator(".run-facts").getByText(reason).waitFor();
    const canvas = page.getByRole("region", { name: /Path of the run/ });
    await canvas.getByText("Welcome Zephyr Kilns").waitFor();
    await expect(canvas.getByText("{{account.name}}", { exact: false }).count()).resolves.toBe(0);
    await screenshot(page, "run-detail-failed");
    expect(await axeProblems(page)).toEqual([]);
    await account.click();
    await page.getByRole("heading", { level: 1, name: "Zephyr Kilns" }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
