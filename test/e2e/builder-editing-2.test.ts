/**
 * Editing a draft in real Chromium, continued: deleting several steps of one chain at once joins the
 * step before them to the step after; the Send e-mail step's To and Cc say, next to the field and
 * before publishing, which literal entry is not an e-mail address, and accept templates.
 */
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { flowEdge as edge, flowNode as node, fromHubSpotPreset } from "./builder-page";

const browser = useBrowser();

const fromPreset = (name: string) => fromHubSpotPreset(browser, name);

describe("deleting several steps of one chain at once", () => {
  it("joins the step before them to the step after, says so, and one undo restores all of it", async () => {
    const { page, errors } = await fromPreset("Delete a chain (e2e)");

    // Deal reaches Closed Won → Extract deal data → Create account → Assign a CSM: select the middle two.
    await node(page, "extract").click();
    // React Flow follows the key itself (keydown), not the click's modifier flags.
    await page.keyboard.down("Control");
    await node(page, "account").click();
    await page.keyboard.up("Control");
    // The selection is React Flow's state, applied a frame later: wait for it before counting.
    await page.locator(`.react-flow__node.selected[data-id="account"]`).waitFor();
    await expect(page.locator(".react-flow__node.selected").count()).resolves.toBe(2);
    await page.keyboard.press("Delete");
    await node(page, "extract").waitFor({ state: "detached" });
    await node(page, "account").waitFor({ state: "detached" });
    await edge(page, "e-trigger-out-assign").waitFor({ state: "attached" });
    await page.getByRole("status").getByText("Reconnected “Deal reaches Closed Won” to “Assign a CSM”").waitFor();

    // One undo: both steps and their three edges are back, the bridge is gone.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await node(page, "extract").waitFor();
    await node(page, "account").waitFor();
    for (const id of ["e-trigger-out-extract", "e-extract-out-account", "e-account-out-assign"]) await edge(page, id).waitFor({ state: "attached" });
    await expect(edge(page, "e-trigger-out-assign").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the Send e-mail step's recipients", () => {
  it("names the literal entry that is not an address next to the field and before publishing, and accepts templates", async () => {
    const { page, errors } = await fromPreset("E-mail recipients (e2e)");
    const panel = page.locator(".inspector");
    await node(page, "welcome").click();
    const to = panel.getByLabel("To", { exact: true });
    const cc = panel.getByLabel("Cc (optional)", { exact: true });
    await expect(to.inputValue()).resolves.toBe("{{deal.primaryContact.email}}");

    // A typo in To: the message appears under the field once the draft is saved and checked.
    await to.fill("maya@");
    await panel.getByText("“maya@” is not an e-mail address").waitFor();
    await expect(to.getAttribute("aria-invalid")).resolves.toBe("true");

    // A mixed Cc list is checked entry by entry; its template entry passes.
    await cc.fill("{{deal.owner.email}}; ops@example.com, maya example.com");
    await panel.getByText("“maya example.com” is not an e-mail address").waitFor();

    // Publishing is refused, and the problems name both entries.
    await page.getByText("All changes saved").waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("alert").getByText("Fix the problems before publishing").waitFor();
    await panel.getByText("“maya@” is not an e-mail address").waitFor();
    await panel.getByText("“maya example.com” is not an e-mail address").waitFor();
    await expect(page.getByText("Version 1 published").count()).resolves.toBe(0);

    // Templates and addresses: the messages go.
    await node(page, "welcome").click();
    await to.fill("{{deal.primaryContact.email}}");
    await cc.fill("{{deal.owner.email}}; ops@example.com");
    await panel.getByText("is not an e-mail address").first().waitFor({ state: "detached" });
    await page.getByText("All changes saved").waitFor();
    await expect(to.getAttribute("aria-invalid")).resolves.toBeNull();
    expect(errors).toEqual([]);
  });
});
