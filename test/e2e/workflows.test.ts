import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage, publishHubSpotPreset, signIn } from "./browser";
import { api, apiLogin, createWorkflow, unique } from "./queue-fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Serious and critical axe-core violations on the current page. */

describe("Workflows page", () => {
  it("lists the seeded workflows with status, trigger and runs; archived ones only on request", async () => {
    // An archived workflow of this test's own (others may archive theirs, or not, in any order).
    const admin = await apiLogin("admin@example.com");
    const archivedName = `Archived on request ${unique()}`;
    const archived = await createWorkflow(admin, archivedName, [{ id: "done", type: "end", config: {} }], []);
    await api(admin, "POST", `/api/workflows/${archived}/status`, { status: "archived" });
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.waitForURL("**/workflows");
    const table = page.getByRole("table", { name: "Workflows" });
    await table.waitFor();
    await expect(table.getByRole("link", { name: "HubSpot Closed Won → onboarding", exact: true }).count()).resolves.toBe(1);
    await expect(table.getByRole("link", { name: archivedName }).count()).resolves.toBe(0);
    const salesforceRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Salesforce ARR routing", exact: true }) });
    await salesforceRow.getByText("Salesforce opportunity reaches Closed Won").waitFor();
    await salesforceRow.getByText(/Draft|Active|Paused/).first().waitFor();
    // Search narrows the list (other tests may have added workflows, so only what matches is checked).
    await page.getByLabel("Search workflows").fill("notion");
    await table.getByRole("link", { name: "Notion entry with manager approval", exact: true }).waitFor();
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.toLowerCase()).toContain("notion");
    await page.getByLabel("Search workflows").fill("");
    await page.getByLabel("Status").selectOption("archived");
    await table.getByRole("link", { name: archivedName }).waitFor();
    for (const r of await table.locator("tbody tr").allInnerTexts()) expect(r).toContain("Archived");
    await page.getByLabel("Search workflows").fill("no workflow is called this");
    await page.getByText("No workflows match").waitFor();
    await page.getByLabel("Search workflows").fill("");
    await page.getByLabel("Status").selectOption("");
    await table.waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("opens the journey 1 preset, which validates and publishes", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    const dialog = page.getByRole("dialog", { name: "New workflow" });
    await dialog.getByLabel("HubSpot Closed Won → onboarding").check();
    await expect(dialog.getByLabel("Name").inputValue()).resolves.toBe("HubSpot Closed Won → onboarding");
    await dialog.getByLabel("Name").fill("Closed Won onboarding (e2e)");
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    await page.waitForURL(/\/workflows\/wf_/);
    await page.getByRole("heading", { level: 1, name: "Closed Won onboarding (e2e)" }).waitFor();
    await expect(page.locator(".wf-node").count()).resolves.toBe(8);

    await publishHubSpotPreset(page);
    await page.getByText("Published v1").waitFor();

    await page.getByRole("button", { name: "Versions" }).click();
    const versions = page.getByRole("dialog", { name: "Version history" });
    await versions.getByRole("button", { name: "View version 1" }).click();
    await page.getByText("Viewing version 1").waitFor();
    await page.getByRole("button", { name: "Back to the draft" }).click();
    expect(errors).toEqual([]);
  });

  it("refuses to publish a draft with problems and lists them; exports, imports, archives and restores", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    const dialog = page.getByRole("dialog", { name: "New workflow" });
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    await dialog.getByText("Give the workflow a name.").waitFor();
    await dialog.getByLabel("Name").fill("Unfinished draft");
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    await page.waitForURL(/\/workflows\/wf_/);

    // A condition without a trigger: publishing is refused and the problems are listed.
    await page.getByRole("button", { name: "Add Condition" }).click();
    await page.getByText("All changes saved").waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Fix the problems before publishing").waitFor();
    const panel = page.locator(".inspector");
    await panel.getByText("Add a trigger: a workflow starts from exactly one trigger node").waitFor();
    await panel.getByText(/Output “Yes” is not connected/).waitFor();
    await page.locator('.react-flow__node[data-id="condition_1"] .wf-node__problem').waitFor();

    // Export downloads the workflow as JSON; importing that file on the list creates a new draft.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    const file = await download.path();
    await page.goto("/workflows");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import" }).click()]);
    await chooser.setFiles(file!);
    // The original is still there, so the copy is numbered and the toast says why.
    await page.getByText("“Unfinished draft (2)” imported").waitFor();
    await page.getByText("A workflow named “Unfinished draft” already exists, so this one is “Unfinished draft (2)”.", { exact: false }).waitFor();
    await page.waitForURL(/\/workflows\/wf_/);
    await page.locator('.react-flow__node[data-id="condition_1"]').waitFor();

    // Archive makes it read-only; restore brings it back as a draft.
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Archive workflow" }).click();
    await page.getByText("This workflow is archived, so it is read-only.").waitFor();
    await expect(page.getByRole("button", { name: "Publish" }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Restore" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Restore workflow" }).click();
    await page.getByText("Workflow restored").waitFor();
    await page.getByRole("button", { name: "Publish" }).waitFor();
    expect(errors).toEqual([]);
  });
});
