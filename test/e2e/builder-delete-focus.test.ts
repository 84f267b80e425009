/**
 * Deleting a step from the keyboard or with the panel's "Delete step" button takes away what had
 * focus; focus goes to the step before it, so a keyboard user goes on from there and not from the
 * top of the page.
 */
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { deleteSelected, flowNode as node, fromHubSpotPreset } from "./builder-page";

const browser = useBrowser();
const focusedNodeId = (page: import("playwright-core").Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest(".react-flow__node")?.getAttribute("data-id") ?? document.activeElement?.tagName);

describe("focus after deleting a step", () => {
  it("goes to the step before it, whether deleted with the Delete key or the panel's button", async () => {
    const { page, errors } = await fromHubSpotPreset(browser, "Delete keeps focus (e2e)");

    // The keyboard: focus a step, select it with Enter, delete it.
    await node(page, "account").focus();
    await page.keyboard.press("Enter");
    await deleteSelected(page, "account");
    await node(page, "account").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await focusedNodeId(page)).toBe("extract");

    // The panel's button: select a step, then press its "Delete step".
    await node(page, "extract").click();
    await page.getByRole("button", { name: "Delete step" }).focus();
    await page.keyboard.press("Enter");
    await node(page, "extract").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await focusedNodeId(page)).toBe("trigger");
    expect(errors).toEqual([]);
  });
});
