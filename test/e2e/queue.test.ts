import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage, screenshot, signIn } from "./browser";
import { api, apiLogin, createWorkflow, deal, demo, runUntilTask, unique, waitFor, type Session } from "./queue-fixtures";

let browser: Browser;
let admin: Session;
beforeAll(async () => {
  browser = await launch();
  admin = await apiLogin("admin@example.com");
});
afterAll(async () => {
  await browser?.close();
});

/** Serious and critical axe-core violations on the current page. */

/** Approval assigned to csm1, then a kickoff form for csm1 when approved. */
async function approvalWorkflow(company: string) {
  const csm1 = demo().users.csm1;
  const id = await createWorkflow(
    admin,
    `E2E approval ${company}`,
    [
      { id: "approve", type: "human.approval", name: "Manager approval", config: { title: "Approve onboarding for {{deal.company.name}}", instructions: "Check the discount on {{deal.name}}.", assignee: { userId: csm1 }, dueInHours: 8 } },
      {
        id: "kickoff",
        type: "human.form",
        name: "Schedule kickoff",
        config: { title: "Schedule kickoff for {{deal.company.name}}", assignee: { userId: csm1 }, fields: [{ key: "kickoffDate", label: "Kickoff date", type: "date", required: true }] },
      },
      { id: "done", type: "end", config: {} },
      { id: "stop", type: "end", config: { outcome: "failed", reason: "Not approved" } },
    ],
    [
      ["approve", "approved", "kickoff"],
      ["approve", "rejected", "stop"],
      ["approve", "timeout", "stop"],
      ["kickoff", "done", "done"],
      ["kickoff", "timeout", "stop"],
    ],
  );
  return id;
}

describe("Queue Dashboard (browser)", () => {
  it("a CSM claims an approval from the dashboard, approves it with a comment, and sees the run's next step", async () => {
    const company = `Initech ${unique()}`;
    const wf = await approvalWorkflow(company);
    const { runId, item } = await runUntilTask(admin, wf, deal(company));
    expect(item.kind).toBe("approval");

    const { page, errors } = await newPage(browser);
    await signIn(page, "csm1@example.com");
    // A CSM's home is the queue.
    await page.waitForURL("**/queue");
    await page.getByRole("heading", { level: 1, name: "Queue" }).waitFor();
    // Test-run items are behind the switch.
    await page.getByRole("switch", { name: "Show test items" }).check();
    await page.waitForURL(/test=1/);
    const list = page.getByRole("list", { name: "Queue items" });
    const row = list.getByRole("link", { name: new RegExp(`Approve onboarding for ${company}`) });
    await row.waitFor();
    // Side by side on a desktop: the empty detail pane asks for a choice, and the keys are shown.
    await page.getByRole("region", { name: "Selected item" }).getByText("Choose an item").waitFor();
    await page.locator(".q-keys").waitFor();
    // Keyboard: focus the row and open it with Enter.
    await row.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/queue/${item.id}`));
    await page.getByRole("heading", { level: 2, name: `Approve onboarding for ${company}` }).waitFor();
    await page.getByText(`Check the discount on ${company} - Enterprise.`).first().waitFor();
    await page.getByRole("heading", { name: "Deal" }).waitFor();

    await page.getByRole("button", { name: "Claim" }).click();
    await page.getByRole("button", { name: "Release" }).waitFor();
    await page.getByText("You claimed this").waitFor();
    await page.getByLabel("Comment (optional)").first().fill("Discount is within policy — approved.");
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    await page.getByText("Approved", { exact: true }).first().waitFor();

    // The run moved on: its next step (the kickoff form) is offered right here.
    const next = page.locator(".q-next");
    await next.waitFor({ timeout: 15_000 });
    await expect(next.textContent()).resolves.toContain(`Schedule kickoff for ${company}`);
    await screenshot(page, "queue-approved-next-step");
    await next.getByRole("link", { name: `Schedule kickoff for ${company}` }).click();
    await page.getByRole("heading", { level: 2, name: `Schedule kickoff for ${company}` }).waitFor();
    await page.getByLabel("Kickoff date").waitFor();

    // And the server agrees: the approval went down "approved" with the comment.
    const run = await waitFor("the run to reach the kickoff form", async () => {
      const r = await api<{ currentNodeIds: string[]; steps: { nodeId: string; port?: string; output?: { comment?: string } }[] }>(admin, "GET", `/api/runs/${runId}`);
      return r.currentNodeIds.includes("kickoff") ? r : null;
    });
    const step = run.steps.find((s) => s.nodeId === "approve");
    expect(step?.port).toBe("approved");
    expect(step?.output?.comment).toBe("Discount is within policy — approved.");
    expect(errors).toEqual([]);
  });

  it("keeps the list keyboard-friendly and passes axe with the list and an empty detail", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/queue?test=1");
    await page.getByRole("tab", { name: "All" }).waitFor();
    const rows = page.getByRole("list", { name: "Queue items" }).getByRole("link");
    await rows.first().waitFor();
    await page.locator("body").press("j");
    const focused = await page.evaluate(() => document.activeElement?.closest(".q-list") !== null);
    expect(focused).toBe(true);
    // Tabs answer the arrow keys.
    await page.getByRole("tab", { name: "All" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/tab=done/);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "queue-admin-done");
    expect(errors).toEqual([]);
  });
});
