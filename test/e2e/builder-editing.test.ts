/**
 * Editing a draft in real Chromium: deleting a step in the middle of a chain joins its neighbours
 * and one undo brings everything back; Ctrl+Z in a text box is the box's own undo, and the toolbar's
 * Undo never brings back what was undone there; a step of a published version can be inspected,
 * read-only.
 */
import { describe, expect, it } from "vitest";
import { axeProblems, publishHubSpotPreset, screenshot, useBrowser } from "./browser";
import { deleteSelected, flowEdge as edge, flowNode as node, fromHubSpotPreset } from "./builder-page";

const browser = useBrowser();

const fromPreset = (name: string) => fromHubSpotPreset(browser, name);

describe("deleting a step in the middle of a chain", () => {
  it("reconnects its neighbours, says so, and one undo restores the step and both edges", async () => {
    const { page, errors } = await fromPreset("Delete and reconnect (e2e)");

    // Extract deal data → Create account → Assign a CSM: delete the middle one with the keyboard.
    await node(page, "account").click();
    await deleteSelected(page, "account");
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
    await deleteSelected(page, "assign");
    await node(page, "assign").waitFor({ state: "detached" });
    await expect(page.locator(".react-flow__edge").count()).resolves.toBe(3);
    expect(errors).toEqual([]);
  });
});

describe("undo in a text box and the toolbar's Undo", () => {
  it("Ctrl+Z in a step's name is the browser's; the toolbar's Undo then goes back past that field's edit", async () => {
    const { page, errors } = await fromPreset("Field undo (e2e)");
    const name = page.locator(".inspector").getByLabel("Step name (optional)");
    // The canvas draws a change a frame after the builder's state has it: titles are polled.
    const title = (id: string) => node(page, id).locator(".wf-node__title").textContent();

    // A first change: rename "Extract deal data", and leave the field.
    await node(page, "extract").click();
    await name.fill("Extract the deal");
    await name.press("Tab");
    await expect.poll(() => title("extract")).toBe("Extract the deal");

    // Then type into "Create account"'s name, slowly, and undo the typing in the field.
    await node(page, "account").click();
    await name.click();
    await name.press("End");
    await name.pressSequentially(" now", { delay: 50 });
    await expect.poll(() => title("account")).toBe("Create account now");
    await page.waitForTimeout(1500);
    await name.press("Control+z");
    await expect.poll(() => name.inputValue()).toBe("Create account");
    await expect.poll(() => title("account")).toBe("Create account");
    // The field's undo, not the builder's: the other step keeps its new name.
    await expect.poll(() => title("extract")).toBe("Extract the deal");

    // The toolbar's Undo undoes the rename before it, and does not bring back " now".
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect.poll(() => title("extract")).toBe("Extract deal data");
    await expect.poll(() => title("account")).toBe("Create account");
    await expect.poll(() => name.inputValue()).toBe("Create account");
    expect(errors).toEqual([]);
  });
});

describe("a step of an old version", () => {
  it("shows its configuration as published, read-only and labelled with the version", async () => {
    const { page, errors } = await fromPreset("Version inspection (e2e)");
    await publishHubSpotPreset(page);

    // The draft moves on: the e-mail step is renamed after version 1.
    await node(page, "welcome").click();
    const draftName = page.locator(".inspector").getByLabel("Step name (optional)");
    await draftName.fill("Send the new welcome");
    await draftName.press("Tab");
    await page.getByText("All changes saved").waitFor();

    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByRole("dialog", { name: "Version history" }).getByRole("button", { name: "View version 1" }).click();
    const version = page.getByRole("region", { name: /^Version 1 of/ });
    await version.locator('.react-flow__node[data-id="welcome"]').click();

    const panel = page.getByRole("complementary", { name: "Send welcome e-mail" });
    await panel.getByText("Version 1 · read-only").waitFor();
    await panel.getByText(/As published in version 1, read-only/).waitFor();
    const name = panel.getByLabel("Step name (optional)");
    await expect(name.inputValue()).resolves.toBe("Send welcome e-mail");
    await expect(name.isDisabled()).resolves.toBe(true);
    // Every control of the step's form is disabled: nothing there can be changed.
    const form = panel.locator(".node-editor");
    const enabled = await form.locator("input, select, textarea, button").evaluateAll((els) => els.filter((el) => !el.matches(":disabled")).map((el) => el.outerHTML));
    expect(enabled).toEqual([]);
    await expect(form.locator("input, select, textarea").count()).resolves.toBeGreaterThan(3);
    await screenshot(page, "version-step");
    expect(await axeProblems(page)).toEqual([]);

    // Back to the version as a whole, then to the draft, where the step has the draft's name and can be edited again.
    await panel.getByRole("button", { name: "Back to version 1" }).click();
    await page.getByRole("complementary", { name: "Version 1" }).getByText("Select a step to see how it was set up in this version.").waitFor();
    await page.getByRole("button", { name: "Back to the draft" }).click();
    await node(page, "welcome").click();
    await expect(draftName.inputValue()).resolves.toBe("Send the new welcome");
    await expect(draftName.isDisabled()).resolves.toBe(false);
    expect(errors).toEqual([]);
  });
});
