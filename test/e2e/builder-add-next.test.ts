/**
 * The "+" under a node's free output, in real Chromium: pressed from the keyboard or clicked, it opens
 * the node picker and the chosen step is added below, connected to that output; the "+" moves to the
 * new step's output. Archived workflows and published versions are read-only, and show none.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { canvasSettled, createInDialog, publishHubSpotPreset, signIn, useBrowser } from "./browser";
import { deleteSelected, pickByKeyboard, viewVersion1 } from "./builder-page";

const browser = useBrowser();

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
/** An edge is drawn (attached: a straight one, from a step to the step right below it, has no width, so is never "visible"). */
const edgeDrawn = (page: Page, id: string) => page.locator(`[data-testid="rf__edge-${id}"]`).waitFor({ state: "attached" });
/** The "+" under the (only) output of the step titled `title`. */
const plusAfter = (page: Page, title: string) => page.getByRole("button", { name: `Add a step after “${title}”`, exact: true });
const allPlus = (page: Page) => page.locator(".wf-node__add");
const top = async (page: Page, id: string) => (await node(page, id).boundingBox())!.y;

describe("the “+” under a free output", () => {
  it("adds the next step from the keyboard or a click, connected below; none once archived", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await createInDialog(page, "Blank workflow", "Built with the plus buttons (e2e)");
    await page.getByText("Start with a trigger.").waitFor();
    await page.getByRole("button", { name: "Add HubSpot deal stage" }).click();
    await node(page, "hubspot_1").waitFor();
    await canvasSettled(page);

    // Keyboard: focus the trigger's "+", Enter; the picker's search has focus; type and Enter picks.
    const underTrigger = plusAfter(page, "HubSpot deal stage");
    expect(await underTrigger.isVisible()).toBe(true);
    await underTrigger.focus();
    await page.keyboard.press("Enter");
    const picker = await pickByKeyboard(page, "Add a step after HubSpot deal stage", "Create account");

    await node(page, "create_account_1").waitFor();
    await edgeDrawn(page, "e-hubspot_1-out-create_account_1");
    await picker.waitFor({ state: "detached" });
    expect(await top(page, "create_account_1")).toBeGreaterThan(await top(page, "hubspot_1"));
    // The trigger's output is taken now: its "+" is gone, and the new step has one.
    await expect(underTrigger.count()).resolves.toBe(0);
    await plusAfter(page, "Create account").waitFor();
    // Focus went to the new step, so the keyboard carries on from there.
    await page.waitForFunction(() => document.activeElement?.closest<HTMLElement>(".react-flow__node")?.dataset.id === "create_account_1");

    // Mouse: click the new step's "+" and pick from the list.
    await canvasSettled(page);
    await plusAfter(page, "Create account").click();
    const next = page.getByRole("dialog", { name: "Add a step after Create account" });
    await next.getByLabel("Search steps").fill("delay");
    await next.getByRole("button", { name: /^Delay/ }).click();
    await node(page, "delay_1").waitFor();
    await edgeDrawn(page, "e-create_account_1-out-delay_1");
    await expect(plusAfter(page, "Create account").count()).resolves.toBe(0);
    await plusAfter(page, "Delay").waitFor();
    // Clicking the "+" neither dragged the node it hangs from nor left it selected under the picker.
    await expect(page.locator(".react-flow__node.selected").count()).resolves.toBe(1);
    await expect(node(page, "delay_1").getAttribute("class")).resolves.toContain("selected");

    // Archived: read-only, so the steps stay but no "+" is offered.
    await page.getByText("All changes saved").waitFor();
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Archive workflow" }).click();
    await page.getByText("This workflow is archived, so it is read-only.").waitFor();
    await expect(page.locator(".react-flow__node").count()).resolves.toBe(3);
    await expect(allPlus(page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows none on a published version, though the same output is free there", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await createInDialog(page, "HubSpot Closed Won → onboarding", "Plus buttons and versions (e2e)");
    await node(page, "done").waitFor();
    await canvasSettled(page);

    // Without the final End step, the welcome e-mail's output is free: the draft offers a "+" there.
    await node(page, "done").click();
    await deleteSelected(page, "done");
    await node(page, "done").waitFor({ state: "detached" });
    await plusAfter(page, "Send welcome e-mail").waitFor();

    await publishHubSpotPreset(page);

    const version = await viewVersion1(page);
    await page.getByText("Viewing version 1").waitFor();
    await expect(version.locator(".react-flow__node").count()).resolves.toBe(7);
    await expect(allPlus(page).count()).resolves.toBe(0);

    // Back on the draft, the "+" is offered again.
    await page.getByRole("button", { name: "Back to the draft" }).click();
    await plusAfter(page, "Send welcome e-mail").waitFor();
    expect(errors).toEqual([]);
  });
});
