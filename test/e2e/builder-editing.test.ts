/**
 * Editing a draft in real Chromium: deleting a step in the middle of a chain joins its neighbours
 * and one undo brings everything back.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { canvasSettled, createInDialog, signIn, useBrowser } from "./browser";

const browser = useBrowser();

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
/** An edge is in the canvas (attached: a straight one has no width, so is never "visible"). */
const edge = (page: Page, id: string) => page.locator(`[data-testid="rf__edge-${id}"]`);

describe("deleting a step in the middle of a chain", () => {
  it("reconnects its neighbours, says so, and one undo restores the step and both edges", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await createInDialog(page, "HubSpot Closed Won → onboarding", "Delete and reconnect (e2e)");
    await node(page, "account").waitFor();
    await canvasSettled(page);

    // Extract deal data → Create account → Assign a CSM: delete the middle one with the keyboard.
    await node(page, "account").click();
    await page.keyboard.press("Delete");
    await node(page, "account").waitFor({ state: "detached" });
    await edge(page, "e-extract-out-assign").waitFor({ state: "attached" });
    await page.getByRole("status").getByText("Reconnected “Extract deal data” to “Assign a CSM”").waitFor();
    await expect(edge(page, "e-extract-out-account").count()).resolves.toBe(0);

    // One undo: the step and both of its edges are back, the bridge is gone.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await node(page, "account").waitFor();
    await edge(page, "e-extract-out-account").waitFor({ state: "attached" });
    await edge(page, "e-account-out-assign").waitFor({ state: "attached" });
    await expect(edge(page, "e-extract-out-assign").count()).resolves.toBe(0);

    // From the properties panel: Apply template → Send welcome e-mail → Onboarding started.
    await node(page, "welcome").click();
    await page.getByRole("button", { name: "Delete step" }).click();
    await node(page, "welcome").waitFor({ state: "detached" });
    await edge(page, "e-template-out-done").waitFor({ state: "attached" });
    await page.getByRole("status").getByText("Reconnected “Apply onboarding template” to “Onboarding started”").waitFor();

    // A step with two outputs in use is not bridged: Assign a CSM leads to two End steps.
    await node(page, "assign").click();
    await page.keyboard.press("Delete");
    await node(page, "assign").waitFor({ state: "detached" });
    await expect(page.locator(".react-flow__edge").count()).resolves.toBe(3);
    expect(errors).toEqual([]);
  });
});
