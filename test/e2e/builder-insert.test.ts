/**
 * The "+" at the middle of a connection, in real Chromium: it shows when the pointer is over the
 * connection, and a step chosen in the node picker goes between the two steps (A → new → B, A's port
 * kept), pushing the steps below down; keyboard only, it is reached with Tab. Undo takes one insert
 * back, the other is in the saved draft after a reload, and a published version shows no "+".
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeProblems, canvasSettled, publishHubSpotPreset, useBrowser } from "./browser";
import { flowEdge, flowNode, fromHubSpotPreset, pickByKeyboard, viewVersion1 } from "./builder-page";

const browser = useBrowser();

/** The "+" on the connection from the step titled `from` to the one titled `to`. */
const insertPlus = (page: Page, from: string, to: string) => page.getByRole("button", { name: `Insert a step between “${from}” and “${to}”`, exact: true });
const allInsertPlus = (page: Page) => page.locator(".wf-edge__insert");
const top = async (page: Page, id: string) => (await flowNode(page, id).boundingBox())!.y;
const opacity = (page: Page, from: string, to: string) => insertPlus(page, from, to).evaluate((el) => getComputedStyle(el).opacity);
/** Waits until the "+" from `from` to `to` has faded in. */
const shown = (page: Page, from: string, to: string) =>
  page.waitForFunction((name) => [...document.querySelectorAll(".wf-edge__insert")].some((b) => b.getAttribute("aria-label") === name && getComputedStyle(b).opacity === "1"), `Insert a step between “${from}” and “${to}”`);
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");

/** Presses Tab (or Shift+Tab) until the element named `label` has focus; fails after `max` presses. */
async function tabTo(page: Page, label: string, key: "Tab" | "Shift+Tab", max = 80) {
  for (let i = 0; i < max; i++) {
    if ((await focusedLabel(page)) === label) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${label} not reached with ${key}`);
}

describe("the “+” on a connection", () => {
  it("inserts a step between two steps by mouse and by keyboard; undo takes one back, the draft keeps the other", async () => {
    const { page, errors } = await fromHubSpotPreset(browser, "Insert on a connection (e2e)");
    const [extractTop, accountTop, doneTop] = [await top(page, "extract"), await top(page, "account"), await top(page, "done")];

    // Mouse: nothing shows until the pointer is over the connection; then click its "+".
    expect(await opacity(page, "Extract deal data", "Create account")).toBe("0");
    const box = (await insertPlus(page, "Extract deal data", "Create account").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await shown(page, "Extract deal data", "Create account");
    await insertPlus(page, "Extract deal data", "Create account").click();
    const picker = page.getByRole("dialog", { name: "Insert a step between Extract deal data and Create account" });
    await picker.getByLabel("Search steps").fill("delay");
    // End cannot go in the middle of a connection, so it is not offered.
    await picker.getByLabel("Search steps").fill("end");
    await expect(picker.getByRole("button", { name: /^End/ }).count()).resolves.toBe(0);
    await picker.getByLabel("Search steps").fill("delay");
    await picker.getByRole("button", { name: /^Delay/ }).click();

    await flowNode(page, "delay_1").waitFor();
    await flowEdge(page, "e-extract-out-delay_1").waitFor({ state: "attached" });
    await flowEdge(page, "e-delay_1-out-account").waitFor({ state: "attached" });
    await flowEdge(page, "e-extract-out-account").waitFor({ state: "detached" });
    await picker.waitFor({ state: "detached" });
    // Selected, so its settings open; between the two, which moved down to make room, with all after it.
    await expect(flowNode(page, "delay_1").getAttribute("class")).resolves.toContain("selected");
    await page.getByRole("heading", { name: "Delay" }).first().waitFor();
    await canvasSettled(page);
    expect(await top(page, "delay_1")).toBeGreaterThan(await top(page, "extract"));
    expect(await top(page, "account")).toBeGreaterThan(await top(page, "delay_1"));
    expect((await top(page, "account")) - accountTop - ((await top(page, "extract")) - extractTop)).toBeGreaterThan(50);
    expect((await top(page, "done")) - doneTop).toBeCloseTo((await top(page, "account")) - accountTop, 0);

    // Keyboard only: from the first step, Shift+Tab goes back into the connections' "+" buttons; the
    // one on the CSM task's "done" output shows while it has focus, and Enter opens the picker.
    await flowNode(page, "trigger").focus();
    await tabTo(page, "Insert a step between “Assign a CSM” and “Apply onboarding template”", "Shift+Tab");
    await shown(page, "Assign a CSM", "Apply onboarding template");
    await page.keyboard.press("Enter");
    await pickByKeyboard(page, "Insert a step between Assign a CSM and Apply onboarding template", "approval");

    // The CSM task's "done" leads to the approval; the approval's first output ("approved") to the template.
    await flowNode(page, "approval_1").waitFor();
    await flowEdge(page, "e-assign-done-approval_1").waitFor({ state: "attached" });
    await flowEdge(page, "e-approval_1-approved-template").waitFor({ state: "attached" });
    await flowEdge(page, "e-assign-done-template").waitFor({ state: "detached" });
    // Its other outputs are left free (a "+" under each), and focus went to it.
    await page.getByRole("button", { name: "Add a step after “Approval” — Rejected" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.closest<HTMLElement>(".react-flow__node")?.dataset.id === "approval_1");

    // A "+" showing passes axe like the rest of the builder.
    await insertPlus(page, "Approval", "Apply onboarding template").focus();
    expect(await axeProblems(page)).toEqual([]);

    // One undo takes the approval back out and joins its neighbours again.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await flowNode(page, "approval_1").waitFor({ state: "detached" });
    await flowEdge(page, "e-assign-done-template").waitFor({ state: "attached" });
    await flowNode(page, "delay_1").waitFor();

    // The draft was saved: after a reload the canvas still shows extract → delay → account.
    await page.getByText("All changes saved").waitFor();
    await page.reload();
    await flowNode(page, "delay_1").waitFor();
    await flowEdge(page, "e-extract-out-delay_1").waitFor({ state: "attached" });
    await flowEdge(page, "e-delay_1-out-account").waitFor({ state: "attached" });
    await expect(flowEdge(page, "e-extract-out-account").count()).resolves.toBe(0);
    await expect(flowNode(page, "approval_1").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows none on a published version", async () => {
    const { page, errors } = await fromHubSpotPreset(browser, "Insert and versions (e2e)");
    await expect(insertPlus(page, "Extract deal data", "Create account").count()).resolves.toBe(1);
    await publishHubSpotPreset(page);
    await viewVersion1(page);
    await page.getByText("Viewing version 1").waitFor();
    await expect(allInsertPlus(page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
