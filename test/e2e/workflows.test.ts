import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Serious and critical axe-core violations on the current page. */
async function axeProblems(page: Page) {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const result = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

describe("Workflows page", () => {
  it("lists the seeded workflows with status, trigger and runs; archived ones only on request", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.waitForURL("**/workflows");
    const table = page.getByRole("table", { name: "Workflows" });
    await table.waitFor();
    await expect(table.getByRole("link", { name: "HubSpot Closed Won → onboarding", exact: true }).count()).resolves.toBe(1);
    await expect(table.getByText("Salesforce opportunity reaches Closed Won").count()).resolves.toBe(1);
    await page.getByLabel("Search workflows").fill("notion");
    await expect(table.getByRole("row").count()).resolves.toBe(2);
    await page.getByLabel("Search workflows").fill("");
    await page.getByLabel("Status").selectOption("archived");
    await page.getByText("No workflows match").waitFor();
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

    // The preset points at the workspace's HubSpot connector; without one the panel asks for it.
    const problems = page.locator(".problems-button");
    await page.waitForFunction(() => !document.querySelector(".save-state")?.textContent?.includes("Saving"));
    if (/\d+ problems?/.test((await problems.textContent()) ?? "")) {
      await page.locator('.react-flow__node[data-id="trigger"]').click();
      await page.getByLabel("HubSpot connector").fill("conn_hubspot_e2e");
    }
    await page.getByRole("button", { name: "No problems" }).waitFor();
    await page.getByText("All changes saved").waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Version 1 published").waitFor();
    await page.getByText("Published v1").waitFor();

    await page.getByRole("button", { name: "Versions" }).click();
    const versions = page.getByRole("dialog", { name: "Version history" });
    await versions.getByRole("button", { name: "View version 1" }).click();
    await page.getByText("Viewing version 1").waitFor();
    await page.getByRole("button", { name: "Back to the draft" }).click();
    expect(errors).toEqual([]);
  });
});
