/** Locators and a starting point shared by the builder's browser tests. */
import type { Page } from "playwright-core";
import { canvasSettled, createInDialog, signIn, type useBrowser } from "./browser";

/** A step on the canvas, by its node id. */
export const flowNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/**
 * Presses Delete once the step `id` shows as selected. A click or Enter selects it through React
 * Flow's state, a frame or more later; a Delete pressed before that deletes what was selected then
 * (nothing), as it would for a person that quick.
 */
export async function deleteSelected(page: Page, id: string) {
  await page.locator(`.react-flow__node.selected[data-id="${id}"]`).waitFor();
  await page.keyboard.press("Delete");
}

/**
 * Opens version 1 of the workflow in the builder from Versions, and returns its read-only canvas
 * once the preset's welcome e-mail step is drawn there.
 */
export async function viewVersion1(page: Page) {
  await page.getByRole("button", { name: "Versions" }).click();
  await page.getByRole("dialog", { name: "Version history" }).getByRole("button", { name: "View version 1" }).click();
  const version = page.getByRole("region", { name: /^Version 1 of/ });
  await version.locator('.react-flow__node[data-id="welcome"]').waitFor();
  return version;
}

/** An edge is in the canvas (attached: a straight one has no width, so is never "visible"). */
export const flowEdge = (page: Page, id: string) => page.locator(`[data-testid="rf__edge-${id}"]`);

/**
 * With the keyboard only, in the step picker just opened (the dialog `dialogName`): its search
 * takes focus, `query` is typed and Enter picks the first match. Returns the picker's dialog.
 */
export async function pickByKeyboard(page: Page, dialogName: string, query: string) {
  const picker = page.getByRole("dialog", { name: dialogName });
  await picker.waitFor();
  await page.waitForFunction(() => document.activeElement?.matches(".node-picker__search"));
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  return picker;
}

/** Signed in as the admin, a new workflow from the HubSpot preset, its canvas settled. */
export async function fromHubSpotPreset(browser: ReturnType<typeof useBrowser>, name: string) {
  const { page, errors } = await browser.page();
  await signIn(page, "admin@example.com");
  await createInDialog(page, "HubSpot Closed Won → onboarding", name);
  await flowNode(page, "account").waitFor();
  await canvasSettled(page);
  return { page, errors };
}
